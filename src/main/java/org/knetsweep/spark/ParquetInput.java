package org.knetsweep.spark;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knetsweep.KnetException;

/**
 * A Parquet table a user names as input ({@code --input} of score and predict): a file, a folder or a glob, on any
 * Hadoop file system. A path that matches nothing is a one-line user error found on the driver before Spark looks
 * at it, which would otherwise log a FileNotFoundException's stack trace first.
 */
public final class ParquetInput {
    private ParquetInput() {
    }

    /**
     * The table at {@code input}, read lazily.
     *
     * @throws KnetException when nothing is at {@code input} or Spark cannot read it as Parquet
     */
    public static Dataset<Row> read(SparkSession spark, String input) {
        checkExists(spark, input);
        try {
            return spark.read().parquet(input);
        } catch (Exception e) { // AnalysisException is checked in Scala's eyes only
            throw new KnetException("cannot read Parquet table " + input + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Throws a KnetException naming {@code input} when no file or folder matches it. */
    static void checkExists(SparkSession spark, String input) {
        FileStatus[] matches;
        try {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            matches = fs.globStatus(path);
        } catch (IOException | IllegalArgumentException e) {
            throw new KnetException("cannot read Parquet table " + input + ": " + firstLine(e.getMessage()), e);
        }
        if (matches == null || matches.length == 0)
            throw new KnetException("cannot read Parquet table " + input + ": no such file or folder");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
