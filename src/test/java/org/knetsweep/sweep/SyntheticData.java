package org.knetsweep.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small CIFAR-10 folder in the official binary layout whose classes are learnable (the label raises a few pixel
 * values), for sweep tests that train for real in seconds.
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /** Writes cifar-10-batches-bin under {@code parent} with {@code perBatch} records per batch; returns it. */
    public static Path write(Path parent, int perBatch) {
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

    public static byte[] batch(int n, long seed) {
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

    /** --set overrides for a tiny, fast sweep on the folder. */
    public static List<String> tinySweep(Path data, Path results, String... extra) {
        List<String> sets = new ArrayList<>(List.of(
                "knet.data.source=" + data,
                "knet.data.cache-dir=" + data.getParent().resolve("cache"),
                "knet.data.validation-size=100",
                "knet.data.train-limit=400",
                "knet.data.feature-limit=300",
                "knet.network.hidden=[12, 8]",
                "knet.training.batch-size=20",
                "knet.training.step-size=20",
                "knet.training.cycles=1",
                "knet.training.eta-min=1e-4",
                "knet.training.eta-max=5e-2",
                "knet.training.train-eval-size=100",
                "knet.sweep.coarse.trials=4",
                "knet.sweep.fine.trials=3",
                "knet.sweep.final.cycles=2",
                "knet.results.root=" + results));
        sets.addAll(List.of(extra));
        return sets;
    }
}
