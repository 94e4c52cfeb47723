package org.knetsweep.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Creates (or reuses) the SparkSession of a knet command. */
public final class SparkSessions {
    /** Master used when neither the caller nor spark-submit gives one. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * The session already active (or the default one) in this JVM, else a new one.
     *
     * <p>A new session takes its settings from spark-submit (the {@code spark.*} system properties) first:
     * {@code spark.master} is set to {@code masterOrNull} (or {@value #DEFAULT_MASTER}) only when spark-submit did not
     * give one. With a local master the driver binds to 127.0.0.1 unless {@code spark.driver.host} is set. The web UI
     * is off unless {@code spark.ui.enabled} is set. The log level becomes WARN.
     *
     * @param masterOrNull a Spark master URL, or null for the default
     * @param appName      the application name shown by Spark
     */
    public static SparkSession local(String masterOrNull, String appName) {
        SparkSession existing = existing();
        if (existing != null) return existing;
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster(masterOrNull == null || masterOrNull.isBlank() ? DEFAULT_MASTER : masterOrNull);
        }
        if (!conf.contains("spark.app.name")) conf.setAppName(appName);
        if (conf.get("spark.master").startsWith("local")) conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.ui.enabled", "false");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** The active session of this thread, else the default session of the JVM, else null. */
    public static SparkSession existing() {
        SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
        if (active != null) return active;
        return SparkSession.getDefaultSession().getOrElse(() -> null);
    }
}
