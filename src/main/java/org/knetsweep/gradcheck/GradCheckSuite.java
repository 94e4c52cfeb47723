package org.knetsweep.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.knetsweep.config.GradCheckConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;
import org.knetsweep.train.Batcher;

/**
 * The report's gradient-check settings: for each seed, the first {@code samples} images and {@code samples} images
 * drawn at random (seeded by the same seed), each with the first {@code features} features, standardized by the
 * statistics of all training images, in float64.
 */
public final class GradCheckSuite {
    private GradCheckSuite() {
    }

    /**
     * Runs every setting (seed x {first, random} images); independent settings run in parallel on up to
     * {@code threads} threads, each with its own network, so the result does not depend on the thread count.
     */
    public static List<GradCheckSetting> run(GradCheckConfig cfg, ImageSet train, Standardizer standardizer,
                                             int threads) {
        if (standardizer.features() != cfg.features()) throw new IllegalArgumentException("standardizer features");
        List<Callable<GradCheckSetting>> jobs = new ArrayList<>();
        for (long seed : cfg.seeds()) {
            for (boolean random : new boolean[] {false, true}) jobs.add(() -> check(cfg, train, standardizer, seed, random));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, jobs.size())));
        try {
            List<GradCheckSetting> out = new ArrayList<>();
            for (Future<GradCheckSetting> f : pool.invokeAll(jobs)) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("gradient check interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static GradCheckSetting check(GradCheckConfig cfg, ImageSet train, Standardizer standardizer, long seed,
                                          boolean random) {
        int[] idx = random ? randomIndices(train.size(), cfg.samples(), seed) : firstIndices(cfg.samples());
        Network net = new Network(cfg.network(), cfg.features(), ImageSet.CLASSES, Precision.FLOAT64, seed);
        Workspace ws = net.workspace(idx.length);
        byte[] labels = new byte[idx.length];
        new Batcher(train, standardizer).fill(ws.x, idx, 0, labels);
        List<TensorCheck> tensors = GradientCheck.run(net, ws, labels, cfg.lambda(), cfg.h());
        return new GradCheckSetting(seed, random, idx.length, cfg.features(), describe(cfg), tensors);
    }

    static String describe(GradCheckConfig cfg) {
        return (cfg.network().layers()) + "-layer " + cfg.network().hidden() + (cfg.network().batchNorm()
                ? " with batch norm" : " without batch norm") + ", lambda " + cfg.lambda() + ", h " + cfg.h();
    }

    static int[] firstIndices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    /** {@code n} distinct indices below {@code size}, chosen by a partial Fisher-Yates shuffle seeded by seed. */
    static int[] randomIndices(int size, int n, long seed) {
        int[] all = firstIndices(size);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, n);
    }

    /** What the tables' columns mean (one paragraph). */
    public static final String LEGEND = "Numerical gradient: fourth-order centered difference with step h, the ReLU "
            + "pattern frozen at the checked point, each cost difference J(theta + t e) - J(theta) computed exactly per "
            + "sample by a pass of differences through the network. Relative error |a - n| / max(1e-12, |a| + |n|). "
            + "Kinks crossed: entries whose perturbation would have moved a ReLU across its kink. Forward deviation: "
            + "largest per-sample deviation of the cost differences from the network's own forward pass at theta_i + "
            + power(GradientCheck.FORWARD_STEP) + ", relative to the largest difference plus "
            + power(GradientCheck.FORWARD_FLOOR) + " of the largest loss (at most "
            + power(GradientCheck.FORWARD_TOLERANCE) + ").";

    /** 1e-4 rather than 1.0E-4. */
    private static String power(double x) {
        return String.format(Locale.ROOT, "%.0e", x).replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }

    /** The settings as markdown tables, one per setting, and the overall maximum. */
    public static String markdown(List<GradCheckSetting> settings) {
        StringBuilder b = new StringBuilder("# Gradient check: analytical vs centered-difference gradients (float64)\n\n");
        b.append(LEGEND).append("\n\n");
        int i = 1;
        for (GradCheckSetting s : settings) {
            b.append("## Table ").append(i++).append(": ").append(s.title()).append("\n\n");
            b.append(table(s)).append('\n');
        }
        b.append(String.format(Locale.ROOT, "max deviation of the cost differences from the forward pass: %.3e%n",
                forwardDeviation(settings)));
        b.append(String.format(Locale.ROOT, "max relative error: %.3e%n", overall(settings)));
        return b.toString();
    }

    /** The columns of a setting's table. */
    public static final List<String> COLUMNS = List.of("tensor", "entries", "max abs diff", "max rel error",
            "kinks crossed", "forward deviation");

    /** A setting's tensors as a markdown table of {@link #COLUMNS}. */
    public static String table(GradCheckSetting s) {
        StringBuilder b = new StringBuilder("| " + String.join(" | ", COLUMNS) + " |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
        for (TensorCheck t : s.tensors()) b.append("| ").append(String.join(" | ", cells(t))).append(" |\n");
        return b.toString();
    }

    /** One tensor's row of a setting's table. */
    public static List<String> cells(TensorCheck t) {
        return List.of(t.name(), String.valueOf(t.elements()), String.format(Locale.ROOT, "%.3e", t.maxAbsDiff()),
                String.format(Locale.ROOT, "%.3e", t.maxRelError()), String.valueOf(t.kinks()),
                String.format(Locale.ROOT, "%.1e", t.forwardDeviation()));
    }

    public static double overall(List<GradCheckSetting> settings) {
        return settings.stream().mapToDouble(GradCheckSetting::maxRelError).max().orElse(0);
    }

    /** The largest deviation of the exact cost differences from the network's forward pass, over all settings. */
    public static double forwardDeviation(List<GradCheckSetting> settings) {
        return settings.stream().mapToDouble(s -> GradientCheck.maxForwardDeviation(s.tensors())).max().orElse(0);
    }

    /** Every setting within {@code tolerance}, and every cost difference consistent with the forward pass. */
    public static boolean passes(List<GradCheckSetting> settings, double tolerance) {
        return settings.stream().allMatch(s -> GradientCheck.passes(s.tensors(), tolerance));
    }
}
