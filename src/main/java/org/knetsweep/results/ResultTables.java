package org.knetsweep.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.knetsweep.KnetException;
import scala.Tuple2;

/**
 * The result tables on the Spark side: temporary views over the Parquet folders, and the {@code CREATE TABLE}
 * statements for spark-sql users.
 */
public final class ResultTables {
    private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

    private ResultTables() {
    }

    /**
     * Creates (or replaces) the temporary views {@code trials}, {@code epochs} and {@code sweeps} of the session, one
     * for each table folder that exists under {@code root}. The views are read with the {@link ResultSchema} schema,
     * so {@code sweep_id} is always a string and an empty table folder gives an empty view. A view left by an earlier
     * root whose table is missing under this one is dropped.
     *
     * @param root a local folder or Hadoop URI, as for {@link ResultStore}
     * @return the names of the views created, in {@link ResultSchema#TABLES} order (empty when the root is missing)
     */
    public static List<String> register(SparkSession spark, String root) {
        String normalized = ResultLayout.normalizeRoot(root);
        List<String> registered = new ArrayList<>();
        for (String table : ResultSchema.TABLES) {
            String dir = ResultLayout.tableDir(normalized, table);
            if (!isDirectory(spark, dir)) {
                spark.catalog().dropTempView(table); // never answer from another root's view of this session
                continue;
            }
            spark.read().schema(ResultSchema.spark(table)).parquet(dir).createOrReplaceTempView(table);
            registered.add(table);
        }
        return registered;
    }

    /**
     * SQL that declares the three tables in a catalog (for spark-sql or a notebook): for each table a
     * {@code CREATE TABLE IF NOT EXISTS ... USING parquet PARTITIONED BY (sweep_id) LOCATION '...'} followed by
     * {@code MSCK REPAIR TABLE}, which discovers the {@code sweep_id=} folders (run it again after new sweeps).
     * Statements end with ";" and a newline.
     */
    public static String createTableStatements(String root) {
        String normalized = ResultLayout.normalizeRoot(root);
        StringBuilder sql = new StringBuilder();
        sql.append("-- knet-sweep result tables under ").append(normalized).append('\n')
                .append("-- MSCK REPAIR TABLE registers the sweep_id=... partitions; rerun it after new sweeps.\n");
        for (String table : ResultSchema.TABLES) {
            String columns = Arrays.stream(ResultSchema.spark(table).fields())
                    .map(StructField::toDDL)
                    .collect(Collectors.joining(",\n  "));
            sql.append("CREATE TABLE IF NOT EXISTS ").append(table).append(" (\n  ").append(columns).append(")\n")
                    .append("USING parquet\n")
                    .append("PARTITIONED BY (").append(ResultSchema.SWEEP_ID).append(")\n")
                    .append("LOCATION '").append(sqlString(ResultLayout.tableDir(normalized, table))).append("';\n")
                    .append("MSCK REPAIR TABLE ").append(table).append(";\n");
        }
        return sql.toString();
    }

    /**
     * A store under {@code root} that carries the session's {@code spark.hadoop.*} settings (credentials, endpoints)
     * into the executors, where the store builds its own Hadoop configuration.
     */
    public static ResultStore store(SparkSession spark, String root) {
        return new ResultStore(root, hadoopSettings(spark.sparkContext().getConf()));
    }

    /** The {@code spark.hadoop.*} entries of {@code conf} without that prefix, as Spark passes them to Hadoop. */
    public static Map<String, String> hadoopSettings(SparkConf conf) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Tuple2<String, String> entry : conf.getAllWithPrefix(SPARK_HADOOP_PREFIX)) {
            settings.put(entry._1(), entry._2());
        }
        return settings;
    }

    private static boolean isDirectory(SparkSession spark, String dir) {
        Path path = new Path(dir);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(path) && fs.getFileStatus(path).isDirectory();
        } catch (IOException e) {
            throw new KnetException("cannot check the result table folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code s} escaped for a single-quoted Spark SQL string literal. */
    private static String sqlString(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
