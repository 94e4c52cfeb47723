package org.knetsweep.spark;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * What a scoring job measures on its executors: the images scored, and the CPU time the task threads spent from a
 * partition's first row to its last, once the model was loaded (the scan, the scoring and the writing of the rows;
 * not the task's start, the broadcast or the model's parsing). A retried or speculative task counts again.
 */
public final class ScoreMeter implements Serializable {
    private final LongAccumulator images;
    private final LongAccumulator cpuNanos;

    private ScoreMeter(LongAccumulator images, LongAccumulator cpuNanos) {
        this.images = images;
        this.cpuNanos = cpuNanos;
    }

    /** A meter whose counts are registered with {@code spark}'s context. */
    public static ScoreMeter register(SparkSession spark) {
        return new ScoreMeter(spark.sparkContext().longAccumulator("knet.score.images"),
                spark.sparkContext().longAccumulator("knet.score.cpu-nanos"));
    }

    public long images() {
        return images.value();
    }

    public double cpuSeconds() {
        return cpuNanos.value() / 1e9;
    }

    /** Images per second of task CPU time, i.e. per core; NaN before any image. */
    public double imagesPerCoreSecond() {
        return images() == 0 || cpuNanos.value() == 0 ? Double.NaN : images() / cpuSeconds();
    }

    /** This thread's CPU time in nanoseconds (on the executor). */
    static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    void add(long scored, long nanos) {
        images.add(scored);
        cpuNanos.add(nanos);
    }
}
