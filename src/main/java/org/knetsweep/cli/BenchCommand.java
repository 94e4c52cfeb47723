package org.knetsweep.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.knetsweep.bench.NativeInfo;
import org.knetsweep.bench.StepBenchmark;
import org.knetsweep.config.BenchConfig;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;

import static org.knetsweep.cli.TextTable.Align.LEFT;
import static org.knetsweep.cli.TextTable.Align.RIGHT;

/** {@code knet bench}: median step time against the GEMM floor, for the 3-layer and 9-layer batch-norm nets. */
public final class BenchCommand implements Command {
    /** Columns separated by one space, each row printed as soon as it is measured. */
    private static final TextTable.Style COLUMNS = new TextTable.Style("", " ", false, true);
    static final List<Integer> THREE_LAYER = List.of(50, 50);
    static final List<Integer> NINE_LAYER = List.of(50, 30, 20, 20, 10, 10, 10, 10);

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time training steps, their batch gather and their GEMM floor on random data of CIFAR-10's shape";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public String notes() {
        return "Settings (with --set):\n"
                + "  bench.steps N        timed steps (default 2000), after bench.warmup untimed ones (300)\n"
                + "  bench.batch-size N   images per step (100)\n"
                + "  bench.images N       random images the batches are gathered from (5000; 45000 = a table the\n"
                + "                       size of full CIFAR-10's training set, 553 MB)\n"
                + "Prints per network and precision the median step (forward, backward, update), the gather before\n"
                + "it, the GEMM floor (the step's matrix products alone), step / floor, and step + gather, in ms.\n"
                + "Run with OMP_NUM_THREADS=1 (submit/knet sets it): one BLAS thread, as in a Spark task.\n";
    }

    @Override
    public int run(Invocation inv) {
        BenchConfig b = inv.config().bench();
        PrintStream out = inv.out();
        NetworkConfig base = inv.config().run().network().withBatchNorm(true);
        out.println("knet bench: " + b.steps() + " timed steps after " + b.warmup() + " warm-up, batch " + b.batchSize()
                + ", gathered from " + b.images() + " random images; " + NativeInfo.describe());
        ImageSet images = StepBenchmark.randomImages(b.images(), 11);
        Standardizer std = StepBenchmark.standardizer(images);
        out.println("step: forward, backward and update of one batch; gather: copying the batch's standardized rows"
                + " into the input matrix (before each step); gemm: the step's matrix products alone; ratio: step / gemm");
        TextTable table = new TextTable(
                List.of("network", "dtype", "step ms", "gather ms", "gemm ms", "ratio", "step+gather ms"),
                List.of(LEFT, LEFT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT)).withMinWidths(22, 8, 10, 10, 10, 8, 14);
        table.headerLines(COLUMNS).forEach(out::println);
        for (List<Integer> hidden : List.of(THREE_LAYER, NINE_LAYER)) {
            String label = (hidden.size() + 1) + "-layer " + hidden;
            for (Precision p : Precision.values()) {
                var r = StepBenchmark.run(label, base.withHidden(hidden), p, b.batchSize(), b.warmup(), b.steps(),
                        images, std);
                out.println(table.line(COLUMNS, List.of(label.length() > 22 ? label.substring(0, 22) : label,
                        p.label(), fixed(r.stepMs(), 3), fixed(r.gatherMs(), 3), fixed(r.gemmMs(), 3),
                        fixed(r.ratio(), 2), fixed(r.totalMs(), 3))));
            }
        }
        out.println("peak RSS of this process: " + NativeInfo.peakRssMb() + " MB");
        return 0;
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
