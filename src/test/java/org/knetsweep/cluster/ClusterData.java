package org.knetsweep.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small CIFAR-10 folder in the official binary layout whose classes are learnable (the label raises a few pixel
 * values), and the settings of tiny sweeps on it (a copy of the sweep tests' SyntheticData).
 */
final class ClusterData {
    private ClusterData() {
    }

    /** Writes cifar-10-batches-bin under {@code parent} with {@code perBatch} records per batch; returns it. */
    static Path write(Path parent, int perBatch) {
        try {
            Path dir = parent.resolve("cifar-10-batches-bin");
            Files.createDirectories(dir);
            for (int b = 1; b <= 6; b++) {
                String name = b <= 5 ? "data_batch_" + b + ".bin" : "test_batch.bin";
                Files.write(dir.resolve(name), batch(perBatch, b));
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 10; i++) names.add("c" + i);
            Files.write(dir.resolve("batches.meta.txt"), names);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] batch(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] out = new byte[n * 3073];
        for (int i = 0; i < n; i++) {
            int y = rng.nextInt(10);
            out[i * 3073] = (byte) y;
            for (int j = 0; j < 3072; j++) {
                int v = rng.nextInt(150) + (j % 10 == y && j < 300 ? 100 : 0);
                out[i * 3073 + 1 + j] = (byte) v;
            }
        }
        return out;
    }

    /**
     * --set overrides of a tiny sweep: {@code coarse} + {@code fine} + 1 final trials of {@code stepSize * 2 * cycles}
     * steps each (plus the final stage's 2 cycles), data from {@code source} (a folder or a Hadoop URI), tables under
     * {@code results}, the per-JVM data cache in {@code cache}.
     */
    static List<String> sweepSettings(String source, String cache, String results, int coarse, int fine, int stepSize,
                                      String... extra) {
        List<String> sets = new ArrayList<>(List.of(
                "knet.data.source=" + source,
                "knet.data.cache-dir=" + cache,
                "knet.data.validation-size=100",
                "knet.data.train-limit=400",
                "knet.data.feature-limit=300",
                "knet.network.hidden=[12, 8]",
                "knet.training.batch-size=20",
                "knet.training.step-size=" + stepSize,
                "knet.training.cycles=1",
                "knet.training.eta-min=1e-4",
                "knet.training.eta-max=5e-2",
                "knet.training.train-eval-size=100",
                "knet.sweep.coarse.trials=" + coarse,
                "knet.sweep.fine.trials=" + fine,
                "knet.sweep.final.cycles=2",
                "knet.results.root=" + results));
        sets.addAll(List.of(extra));
        return sets;
    }

    /**
     * Settings (after {@link #sweepSettings}) that make each training step cost about a millisecond of BLAS work: all
     * 3072 features, two hidden layers of 50, mini-batches of 100 from 2000 training images (needs 500 images per
     * batch file). With step-size 250, a trial takes about 1-2 s on one core.
     */
    static final String[] HEAVY = {"knet.data.feature-limit=0", "knet.data.train-limit=2000",
            "knet.network.hidden=[50, 50]", "knet.training.batch-size=100", "knet.training.train-eval-size=500"};

    /** {@code sweep --sweep-id ID --set ...} for the settings. */
    static List<String> sweepArgs(String sweepId, List<String> settings) {
        List<String> args = new ArrayList<>(List.of("sweep", "--sweep-id", sweepId));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }
}
