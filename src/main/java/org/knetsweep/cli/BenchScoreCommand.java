package org.knetsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.knetsweep.KnetException;
import org.knetsweep.bench.NativeInfo;
import org.knetsweep.bench.ScoreBenchmark;
import org.knetsweep.bench.StepBenchmark;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.train.PixelKernel;
import org.knetsweep.spark.ImageColumn;
import org.knetsweep.spark.ModelScoring;
import org.knetsweep.spark.ScoreMeter;
import org.knetsweep.spark.SparkSessions;

/**
 * {@code knet bench-score}: images per second per core of {@code score} on Spark against the forward pass's GEMM
 * floor for the same 500-row batches, for a network of knet.network's shape with random parameters.
 */
public final class BenchScoreCommand implements Command {
    @Override
    public String name() {
        return "bench-score";
    }

    @Override
    public String summary() {
        return "images/s per core of score on Spark against the forward pass's GEMM floor";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("images", "N", "random images in the Parquet table scored (default 50000)"),
                Option.value("runs", "R", "timed scoring jobs after one warm-up job (default 5); the median is reported"));
    }

    @Override
    public String notes() {
        return """
                Spark master: --master (default local[2]).
                Network: knet.network (hidden, batch-norm) in knet.training.precision, random parameters.
                Prints, in images per second per core: the GEMM floor (the forward matrix products of 500-row
                batches alone, one thread), Predictor (standardize + forward + softmax, one thread), and score
                (read Parquet, score, to a no-op sink): by the task threads' CPU time once the model is loaded,
                by the tasks' whole CPU time, and by the job's wall time x cores; and the ratio to the floor.
                CPU time is the fair figure on a loaded machine.
                """;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        int n = positive(inv.option("images", "50000"), "--images");
        int runs = positive(inv.option("runs", "5"), "--runs");
        PrintStream out = inv.out();
        ImageSet images = StepBenchmark.randomImages(Math.min(n, 5_000), 5); // for the model and the Predictor
        TrainedModel model = ScoreBenchmark.randomModel(inv.config().run(), images);
        int batch = Predictor.CHUNK;
        String net = model.manifest().run().network().hidden() + (model.manifest().run().network().batchNorm()
                ? " batch norm" : "") + ", " + model.precision().label();
        out.println("knet bench-score: " + n + " random images, network " + net + ", batches of " + batch + "; "
                + NativeInfo.describe() + "; " + PixelKernel.describe());
        double floorMs = ScoreBenchmark.gemmFloorMs(model, batch, 200);
        double predictMs = ScoreBenchmark.predictMs(model, images, batch, 100);
        double floor = batch / floorMs * 1e3;
        double predictor = batch / predictMs * 1e3;
        out.printf(Locale.ROOT, "gemm floor:  %9.0f images/s per core (%.3f ms per batch)%n", floor, floorMs);
        out.printf(Locale.ROOT, "Predictor:   %9.0f images/s per core (%.3f ms per batch; %.2f x floor)%n", predictor,
                predictMs, predictMs / floorMs);

        SparkSession spark = SparkSessions.local(inv.master() == null ? "local[2]" : inv.master(), "knet bench-score");
        ModelScoring.tuneScans(spark);
        int cores = spark.sparkContext().defaultParallelism();
        Path dir = Files.createTempDirectory("knet-bench-score");
        try {
            String table = dir.resolve("images").toString();
            writeTable(spark, n, table, 2 * cores);
            Dataset<Row> in = spark.read().parquet(table);
            int tasks = in.rdd().getNumPartitions();
            TaskCpu cpu = new TaskCpu();
            spark.sparkContext().addSparkListener(cpu);
            double[] secs = new double[runs];
            double[] cpuSecs = new double[runs];
            double[] loadedSecs = new double[runs];
            double[] ratios = new double[runs]; // each job's CPU time per image over the floor measured just before
            double[] floorsMs = new double[runs];
            for (int r = -1; r < runs; r++) {
                if (r >= 0) floorsMs[r] = ScoreBenchmark.gemmFloorMs(model, batch, 60);
                cpu.reset();
                ScoreMeter meter = ScoreMeter.register(spark);
                long t0 = System.nanoTime();
                ModelScoring.score(spark, in, "image", model, "benchmark table", meter).write().format("noop")
                        .mode("overwrite").save();
                if (r >= 0) {
                    secs[r] = (System.nanoTime() - t0) / 1e9;
                    cpuSecs[r] = cpu.await(tasks) / 1e9;
                    if (meter.images() != n)
                        throw new IllegalStateException("scored " + meter.images() + " of " + n + " images");
                    loadedSecs[r] = meter.cpuSeconds();
                    ratios[r] = (loadedSecs[r] / n) / (floorsMs[r] / 1e3 / batch);
                }
            }
            // the same table's images read as score reads them, and dropped
            double[] readSecs = new double[runs];
            for (int r = -1; r < runs; r++) {
                cpu.reset();
                long read = ModelScoring.readImages(in, "image", "benchmark table");
                if (read != n) throw new IllegalStateException("read " + read + " of " + n + " images");
                if (r >= 0) readSecs[r] = cpu.await(tasks) / 1e9;
            }
            Arrays.sort(readSecs);
            spark.sparkContext().removeSparkListener(cpu);
            Arrays.sort(secs);
            Arrays.sort(cpuSecs);
            Arrays.sort(loadedSecs);
            Arrays.sort(ratios);
            Arrays.sort(floorsMs);
            double s = secs[runs / 2];
            double wall = n / s / cores;
            double onCpu = n / cpuSecs[runs / 2];
            double loaded = n / loadedSecs[runs / 2];
            out.printf(Locale.ROOT, "score:       %9.0f images/s per core (%.2f s of task CPU time once the model is "
                    + "loaded, median of %d jobs; %.2f x floor)%n", loaded, loadedSecs[runs / 2], runs, floor / loaded);
            out.printf(Locale.ROOT, "score/floor: %9.2f (median over the jobs of each job's CPU time per image over the "
                    + "GEMM floor measured just before it, %.3f-%.3f ms per batch: the ratio with the machine's drift "
                    + "taken out)%n", ratios[runs / 2], floorsMs[0], floorsMs[runs - 1]);
            out.printf(Locale.ROOT, "score (cpu): %9.0f images/s per core (%.2f s of task CPU time for %d images, "
                    + "median of %d jobs, with task start-up and the model's loading; %.2f x floor)%n", onCpu,
                    cpuSecs[runs / 2], n, runs, floor / onCpu);
            out.printf(Locale.ROOT, "table only:  %9.0f images/s per core (%.2f s of task CPU time: read and images "
                    + "copied out of the scan as score reads them: the part of score that is Spark input)%n",
                    n / readSecs[runs / 2], readSecs[runs / 2]);
            out.printf(Locale.ROOT, "score (wall):%9.0f images/s per core (%.2f s wall on %d cores, median of %d jobs; "
                    + "%.2f x floor; includes job start-up and any other load on the machine)%n", wall, s, cores, runs,
                    floor / wall);
        } finally {
            deleteTree(dir);
        }
        out.println("peak RSS of this process: " + NativeInfo.peakRssMb() + " MB");
        return 0;
    }

    /** Sums the executor CPU time of finished tasks (Spark's task metrics) since the last reset. */
    static final class TaskCpu extends org.apache.spark.scheduler.SparkListener {
        private long nanos;
        private int tasks;

        synchronized void reset() {
            nanos = 0;
            tasks = 0;
        }

        @Override
        public synchronized void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            if (end.taskMetrics() == null) return;
            nanos += end.taskMetrics().executorCpuTime() + end.taskMetrics().executorDeserializeCpuTime();
            tasks++;
            notifyAll();
        }

        /** The CPU nanoseconds once {@code expected} tasks have reported (the listener bus is asynchronous). */
        synchronized long await(int expected) {
            long until = System.currentTimeMillis() + 10_000;
            while (tasks < expected && System.currentTimeMillis() < until) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return nanos;
        }
    }

    /** A table of {@code n} rows (id, image): uniformly random bytes drawn per row on the executors. */
    private static void writeTable(SparkSession spark, int n, String path, int files) {
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("image", DataTypes.BinaryType, false);
        spark.range(0, n, 1, files).map((MapFunction<Long, Row>) id -> {
            SplittableRandom rng = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 5);
            byte[] image = new byte[ImageSet.FEATURES];
            for (int j = 0; j < image.length; j++) image[j] = (byte) rng.nextInt(256);
            return RowFactory.create(id, image);
        }, Encoders.row(schema)).write().parquet(path);
    }

    private static int positive(String text, String option) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v > 0) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new KnetException(option + " " + text + ": expected a positive integer");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
