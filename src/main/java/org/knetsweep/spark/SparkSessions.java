package org.knetsweep.spark;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.knetsweep.KnetException;

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
     * is off unless {@code spark.ui.enabled} is set. The log level becomes WARN. Plans print up to
     * {@value #PLAN_FIELDS} fields ({@code spark.sql.debug.maxToStringFields}), so that the result tables' wide
     * schemas do not make Spark warn about a truncated plan on every query.
     *
     * <p>A configuration Spark refuses at start-up (a master URL it cannot parse, {@code spark.authenticate} without
     * a secret on a standalone master, ...) is a user error: a {@link KnetException} with Spark's message, while
     * Spark's own log of the failed start (an ERROR with a stack trace) stays quiet unless KNET_VERBOSE=1. So do
     * Spark's log lines about tasks that failed with a user error ({@link UserErrorLogFilter}).
     *
     * @param masterOrNull a Spark master URL, or null for the default
     * @param appName      the application name shown by Spark
     */
    public static SparkSession local(String masterOrNull, String appName) {
        if (!verbose(System.getenv())) UserErrorLogFilter.install();
        SparkSession existing = existing();
        if (existing != null) return existing;
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster(masterOrNull == null || masterOrNull.isBlank() ? DEFAULT_MASTER : masterOrNull);
        }
        if (!conf.contains("spark.app.name")) conf.setAppName(appName);
        if (conf.get("spark.master").startsWith("local")) conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.sql.debug.maxToStringFields", String.valueOf(PLAN_FIELDS));
        SparkSession spark;
        Level sparkLevel = LogManager.getLogger("org.apache.spark").getLevel();
        if (!verbose(System.getenv())) Configurator.setLevel("org.apache.spark", Level.OFF);
        UserErrorLogFilter.forgetStages(); // a new context numbers its stages from 0 again
        try {
            spark = SparkSession.builder().config(conf).getOrCreate();
        } catch (Exception e) { // Scala throws SparkException, a checked exception, undeclared
            throw startError(conf, e);
        } finally {
            Configurator.setLevel("org.apache.spark", sparkLevel);
        }
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** The most fields a plan's text shows before Spark truncates it (and warns); the widest table has fewer. */
    public static final int PLAN_FIELDS = 200;

    /** True when the environment asks for Spark's full log (KNET_VERBOSE=1). */
    public static boolean verbose(Map<String, String> env) {
        return "1".equals(env.get("KNET_VERBOSE"));
    }

    /**
     * Spark's start-up failure as a user error when it is a configuration Spark refused (a SparkException or an
     * IllegalArgumentException, such as a failed {@code require}), else unchanged.
     */
    static RuntimeException startError(SparkConf conf, Exception e) {
        if (!(e instanceof IllegalArgumentException) && !(e instanceof SparkException)) {
            return e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new KnetException("Spark did not start with spark.master=" + conf.get("spark.master", "?") + ": "
                + message, e);
    }

    /** The active session of this thread, else the default session of the JVM, else null. */
    public static SparkSession existing() {
        SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
        if (active != null) return active;
        return SparkSession.getDefaultSession().getOrElse(() -> null);
    }
}
