package org.knetsweep.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.knetsweep.results.ResultStore;

/**
 * The Spark session a command runs sweeps on: the one already running in this JVM, else a new one that
 * {@link #close()} stops. What a sweep needs of Spark (a trial runner, the master, the application id, the versions
 * it records) without the caller handling Spark's types.
 */
public final class SweepSession implements AutoCloseable {
    private final SparkSession spark;
    private final boolean own;

    private SweepSession(SparkSession spark, boolean own) {
        this.spark = spark;
        this.own = own;
    }

    /** The running session, else a new one on {@code masterOrNull} (see {@link SparkSessions#local}). */
    public static SweepSession open(String masterOrNull, String appName) {
        boolean own = SparkSessions.existing() == null;
        return new SweepSession(SparkSessions.local(masterOrNull, appName), own);
    }

    /** A runner of trials on this session's executors, storing into {@code store}. */
    public SparkTrialRunner runner(ResultStore store) {
        return new SparkTrialRunner(JavaSparkContext.fromSparkContext(spark.sparkContext()), store);
    }

    public String master() {
        return spark.sparkContext().master();
    }

    public String applicationId() {
        return spark.sparkContext().applicationId();
    }

    /** {@code java=... spark=... nd4j=... knet-sweep=...}, as the sweeps table records them. */
    public String versions() {
        return "java=" + System.getProperty("java.version") + " spark=" + spark.version() + " nd4j="
                + orElse(org.nd4j.linalg.factory.Nd4j.class.getPackage().getImplementationVersion(), "1.0.0-M2.1")
                + " knet-sweep=" + orElse(SweepSession.class.getPackage().getImplementationVersion(), "dev");
    }

    private static String orElse(String v, String fallback) {
        return v == null ? fallback : v;
    }

    /** Stops the session when this object started it; a session that was already running keeps running. */
    @Override
    public void close() {
        if (own) spark.stop();
    }
}
