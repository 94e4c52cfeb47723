package org.knetsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knetsweep.bench.NativeInfo;
import org.knetsweep.bench.ScoreBenchmark;
import org.knetsweep.bench.StepBenchmark;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.spark.ScoreBenchTable;
import org.knetsweep.spark.ScoringSession;
import org.knetsweep.train.PixelKernel;

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
        int n = inv.intOption("images", 50000, 1);
        int runs = inv.intOption("runs", 5, 1);
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

        ScoringSession scoring = ScoringSession.start(inv.master() == null ? "local[2]" : inv.master(),
                "knet bench-score");
        int cores = scoring.cores();
        Path dir = Files.createTempDirectory("knet-bench-score");
        try {
            double[] secs = new double[runs];
            double[] cpuSecs = new double[runs];
            double[] loadedSecs = new double[runs];
            double[] ratios = new double[runs]; // each job's CPU time per image over the floor measured just before
            double[] floorsMs = new double[runs];
            double[] readSecs = new double[runs];
            String path = dir.resolve("images").toString();
            try (ScoreBenchTable table = ScoreBenchTable.write(scoring, n, path, 2 * cores)) {
                for (int r = -1; r < runs; r++) {
                    if (r >= 0) floorsMs[r] = ScoreBenchmark.gemmFloorMs(model, batch, 60);
                    ScoreBenchTable.Job job = table.score(model);
                    if (r >= 0) {
                        secs[r] = job.seconds();
                        cpuSecs[r] = table.taskCpuSeconds();
                        if (job.meter().images() != n)
                            throw new IllegalStateException("scored " + job.meter().images() + " of " + n + " images");
                        loadedSecs[r] = job.meter().cpuSeconds();
                        ratios[r] = (loadedSecs[r] / n) / (floorsMs[r] / 1e3 / batch);
                    }
                }
                // the same table's images read as score reads them, and dropped
                for (int r = -1; r < runs; r++) {
                    long read = table.readImages();
                    if (read != n) throw new IllegalStateException("read " + read + " of " + n + " images");
                    if (r >= 0) readSecs[r] = table.taskCpuSeconds();
                }
            }
            Arrays.sort(readSecs);
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

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
