package org.knetsweep.spark;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.knetsweep.KnetException;

/**
 * Where scored rows go: a Parquet folder written next to its final place ({@code _NAME.staging-UUID}, hidden from
 * Spark readers) and renamed into place when complete, so a failed job leaves nothing behind and an existing output
 * is replaced only when asked.
 */
public final class ScoreOutput {
    private ScoreOutput() {
    }

    /** The output as a Hadoop path: a local path is resolved against the working directory. */
    public static Path path(String output) {
        return new Path(org.knetsweep.results.ResultLayout.normalizeRoot(output));
    }

    /** Throws a KnetException when {@code output} exists and {@code overwrite} is off. */
    public static void checkAbsent(SparkSession spark, String output, boolean overwrite) {
        if (overwrite) return;
        Path p = path(output);
        try {
            if (fs(spark, p).exists(p))
                throw new KnetException("output " + output + " exists; choose another path or add --overwrite");
        } catch (IOException e) {
            throw new KnetException("cannot check output " + output + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code rows} as Parquet to {@code output}; returns the rows written. */
    public static long write(SparkSession spark, Dataset<Row> rows, String output, boolean overwrite) {
        checkAbsent(spark, output, overwrite);
        Path target = path(output);
        Path staged = new Path(target.getParent(), "_" + target.getName() + ".staging-" + UUID.randomUUID());
        try {
            FileSystem fs = fs(spark, target);
            boolean written = false;
            try {
                rows.write().mode(SaveMode.ErrorIfExists).parquet(staged.toString());
                written = true;
            } finally {
                if (!written) { // also for a SparkException, which Java does not declare
                    awaitNoRunningTasks(spark);
                    fs.delete(staged, true);
                }
            }
            if (fs.exists(target)) fs.delete(target, true);
            if (!fs.rename(staged, target)) {
                fs.delete(staged, true);
                throw new KnetException("cannot rename " + staged + " to " + target);
            }
            return spark.read().parquet(target.toString()).count();
        } catch (IOException e) {
            throw new KnetException("cannot write output " + output + ": " + e.getMessage(), e);
        }
    }

    private static FileSystem fs(SparkSession spark, Path p) throws IOException {
        return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }

    /**
     * Waits (up to 10 s) until no task runs: when one task of a write fails, Spark kills the others, but a task may
     * still write its file into the staging folder after the job has failed, and would leave it behind.
     */
    private static void awaitNoRunningTasks(SparkSession spark) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            int running = 0;
            for (SparkExecutorInfo e : spark.sparkContext().statusTracker().getExecutorInfos())
                running += e.numRunningTasks();
            if (running == 0) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
