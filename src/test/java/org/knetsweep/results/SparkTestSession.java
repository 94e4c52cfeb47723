package org.knetsweep.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] SparkSession per test JVM, shared by the Spark-tagged test classes (started on first use, stopped
 * when the JVM exits; recreated if some other test stopped it).
 */
public final class SparkTestSession {
    private static SparkSession spark;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (spark == null || spark.sparkContext().isStopped()) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("knet-sweep tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.warehouse.dir", warehouse().toUri().toString())
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        SparkSession.setActiveSession(spark);
        return spark;
    }

    private static Path warehouse() {
        try {
            Path dir = Files.createTempDirectory("knet-warehouse");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
