package org.knetsweep.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.knetsweep.results.ResultStore;
import org.knetsweep.results.ResultTables;

/** Result stores opened with the Hadoop settings Spark would use, for commands that read the tables without Spark. */
public final class SparkStores {
    private SparkStores() {
    }

    /**
     * The store of {@code root} (a folder or Hadoop URI) with the {@code spark.hadoop.*} settings of this JVM's Spark
     * configuration (those spark-submit passes as system properties), so that a command sees the file systems a sweep
     * submitted the same way wrote to. No Spark session is started.
     */
    public static ResultStore open(String root) {
        return new ResultStore(root, hadoopSettings());
    }

    /**
     * The {@code spark.hadoop.*} settings of this JVM's Spark configuration (those spark-submit passes as system
     * properties) without that prefix ({@link ResultTables#hadoopSettings}), for a reader of the tables that runs
     * without Spark. No Spark session is started.
     */
    public static Map<String, String> hadoopSettings() {
        return ResultTables.hadoopSettings(new SparkConf());
    }
}
