package org.knetsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
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
import org.knetsweep.spark.ModelScoring;
import org.knetsweep.spark.SparkSessions;

/**
 * {@code knet bench-score}: images per second per core of {@code score} on Spark against the forward pass's GEMM
 * floor for the same 500-row batches, for a network of knet.network's shape with random parameters.
 */
public final class BenchScoreCommand implements Command {
    private static final Set<String> OPTIONS = Set.of("images", "runs");

    @Override
    public String name() {
        return "bench-score";
    }

    @Override
    public String summary() {
        return "images/s per core of score on Spark against the forward pass's GEMM floor";
    }

    @Override
    public String usage() {
        return """
                  knet bench-score [--images N] [--runs R] [--master local[2]]
                  --images N   random images in the Parquet table scored (default 20000)
                  --runs R     timed scoring jobs after one warm-up job (default 3); the median is reported
                Network: knet.network (hidden, batch-norm) in knet.training.precision, random parameters.
                Prints, in images per second per core: the GEMM floor (the forward matrix products of 500-row
                batches alone, one thread), Predictor (standardize + forward + softmax, one thread), and score
                (read Parquet, score, to a no-op sink: by the tasks' CPU time, and by the job's wall time x
                cores), and the ratio to the floor. CPU time is the fair figure on a loaded machine.
                """;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        ModelArgs.checkOptions(inv, name(), OPTIONS, "knet bench-score [--images N] [--runs R]");
        int n = positive(inv.option("images", "20000"), "--images");
        int runs = positive(inv.option("runs", "3"), "--runs");
        PrintStream out = inv.out();
        ImageSet images = StepBenchmark.randomImages(n, 5);
        TrainedModel model = ScoreBenchmark.randomModel(inv.config().run(), images);
        int batch = Predictor.CHUNK;
        String net = model.manifest().run().network().hidden() + (model.manifest().run().network().batchNorm()
                ? " batch norm" : "") + ", " + model.precision().label();
        out.println("knet bench-score: " + n + " random images, network " + net + ", batches of " + batch + "; "
                + NativeInfo.describe());
        double floorMs = ScoreBenchmark.gemmFloorMs(model, batch, 200);
        double predictMs = ScoreBenchmark.predictMs(model, images, batch, 100);
        double floor = batch / floorMs * 1e3;
        double predictor = batch / predictMs * 1e3;
        out.printf(Locale.ROOT, "gemm floor:  %9.0f images/s per core (%.3f ms per batch)%n", floor, floorMs);
        out.printf(Locale.ROOT, "Predictor:   %9.0f images/s per core (%.3f ms per batch; %.2f x floor)%n", predictor,
                predictMs, predictMs / floorMs);

        SparkSession spark = SparkSessions.local(inv.master() == null ? "local[2]" : inv.master(), "knet bench-score");
        int cores = spark.sparkContext().defaultParallelism();
        Path dir = Files.createTempDirectory("knet-bench-score");
        try {
            String table = dir.resolve("images").toString();
            writeTable(spark, images, table, 2 * cores);
            Dataset<Row> in = spark.read().parquet(table);
            int tasks = in.rdd().getNumPartitions();
            TaskCpu cpu = new TaskCpu();
            spark.sparkContext().addSparkListener(cpu);
            double[] secs = new double[runs];
            double[] cpuSecs = new double[runs];
            for (int r = -1; r < runs; r++) {
                cpu.reset();
                long t0 = System.nanoTime();
                ModelScoring.score(spark, in, "image", model, "benchmark table").write().format("noop")
                        .mode("overwrite").save();
                if (r >= 0) {
                    secs[r] = (System.nanoTime() - t0) / 1e9;
                    cpuSecs[r] = cpu.await(tasks) / 1e9;
                }
            }
            // the same table read and passed through a row-by-row map to the same sink, without scoring
            double[] readSecs = new double[runs];
            StructType schema = in.schema();
            for (int r = -1; r < runs; r++) {
                cpu.reset();
                in.mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) it -> it,
                        org.apache.spark.sql.Encoders.row(schema)).write().format("noop").mode("overwrite").save();
                if (r >= 0) readSecs[r] = cpu.await(tasks) / 1e9;
            }
            Arrays.sort(readSecs);
            spark.sparkContext().removeSparkListener(cpu);
            Arrays.sort(secs);
            Arrays.sort(cpuSecs);
            double s = secs[runs / 2];
            double wall = n / s / cores;
            double onCpu = n / cpuSecs[runs / 2];
            out.printf(Locale.ROOT, "score (cpu): %9.0f images/s per core (%.2f s of task CPU time for %d images, "
                    + "median of %d jobs; %.2f x floor)%n", onCpu, cpuSecs[runs / 2], n, runs, floor / onCpu);
            out.printf(Locale.ROOT, "table only:  %9.0f images/s per core (%.2f s of task CPU time: read and rows "
                    + "passed through unscored, the part of score that is Spark's)%n", n / readSecs[runs / 2],
                    readSecs[runs / 2]);
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

    private static void writeTable(SparkSession spark, ImageSet images, String path, int files) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false)
                .add("image", DataTypes.BinaryType, false);
        List<Row> rows = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++)
            rows.add(RowFactory.create(i, Arrays.copyOfRange(images.pixels(), i * 3072, (i + 1) * 3072)));
        spark.createDataFrame(rows, schema).repartition(files).write().parquet(path);
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
