package org.knetsweep.data;

import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds the {@link DataSplit} of one run: locates and reads CIFAR-10 (once per JVM and folder: Spark executors
 * call this for every task), then splits the training batches with a seeded shuffle and fits the standardizer.
 * The per-JVM cache keeps the raw data (about 180 MB) for the life of the JVM unless {@link #clearCache()} is
 * called; it assumes the files do not change while the JVM runs.
 */
public final class Cifar10Loader {
    private static final ConcurrentHashMap<Path, CompletableFuture<Cifar10Raw>> CACHE = new ConcurrentHashMap<>();

    private Cifar10Loader() {
    }

    /** Resolves the data source, reads it (or reuses this JVM's copy) and splits it; logs timing on {@code log}. */
    public static DataSplit load(DataConfig cfg, long seed, PrintStream log) {
        return load(cfg, seed, log, System::getenv);
    }

    /** As {@link #load(DataConfig, long, PrintStream)} with the environment looked up through {@code env}. */
    public static DataSplit load(DataConfig cfg, long seed, PrintStream log, Function<String, String> env) {
        long t0 = System.nanoTime();
        Path bins = Cifar10Source.resolve(cfg, log, env);
        boolean[] readHere = new boolean[1];
        Cifar10Raw raw = cached(bins, readHere);
        long t1 = System.nanoTime();
        DataSplit split = split(raw, cfg, seed);
        long t2 = System.nanoTime();
        if (log != null)
            log.println(String.format(Locale.ROOT,
                    "CIFAR-10: %d train / %d validation / %d test images, %d features, from %s "
                            + "(%s in %.2f s, split and standardized in %.2f s)",
                    split.train().size(), split.validation().size(), split.test().size(), split.features(), bins,
                    readHere[0] ? "read from disk" : "already in memory", (t1 - t0) / 1e9, (t2 - t1) / 1e9));
        return split;
    }

    /**
     * The data of {@code dir} (as for {@link Cifar10Reader#readDirectory}), read at most once per JVM for each
     * batches folder (keyed by its real path); concurrent callers wait for the single read. A failed read is not
     * cached.
     */
    public static Cifar10Raw readCached(Path dir) {
        return cached(dir, new boolean[1]);
    }

    /** Forgets all cached data sets. */
    public static void clearCache() {
        CACHE.clear();
    }

    /**
     * Splits the 50,000 training-batch images: a Fisher-Yates shuffle of their indices with
     * {@code new SplittableRandom(seed)}, the first {@code cfg.validationSize()} for validation, the rest (at most
     * {@code cfg.trainLimit()} if non-zero) for training, in shuffled order. The standardizer is fitted on the
     * training images over the first {@code cfg.features()} features. Deterministic for a seed.
     */
    public static DataSplit split(Cifar10Raw raw, DataConfig cfg, long seed) {
        return Splits.split(raw.train(), null, raw.test(), raw.labelNames(), DataSplit.CIFAR10_SHAPE,
                cfg.validationSize(), cfg.trainLimit(), cfg.featureLimit(), seed, "images of the training batches");
    }

    /** 0..n-1 shuffled by Fisher-Yates with {@code new SplittableRandom(seed)}. */
    static int[] shuffledIndices(int n, long seed) {
        return Splits.shuffledIndices(n, seed);
    }

    private static Cifar10Raw cached(Path dir, boolean[] readHere) {
        Path bins = Cifar10Reader.batchFolder(dir);
        if (bins == null) return Cifar10Reader.readDirectory(dir); // throws, naming the folder
        Path key;
        try {
            key = bins.toRealPath();
        } catch (IOException e) {
            throw new KnetException("cannot access CIFAR-10 folder " + bins + ": " + e.getMessage(), e);
        }
        for (int attempt = 0; ; attempt++) {
            CompletableFuture<Cifar10Raw> mine = new CompletableFuture<>();
            CompletableFuture<Cifar10Raw> existing = CACHE.putIfAbsent(key, mine);
            if (existing == null) return readInto(key, mine, readHere);
            try {
                return join(existing);
            } catch (RuntimeException e) {
                // another caller's read failed (perhaps because its thread was interrupted): try once ourselves
                if (attempt > 0) throw e;
            }
        }
    }

    /** Reads {@code key} and completes {@code mine} with the result; a failure is removed from the cache. */
    private static Cifar10Raw readInto(Path key, CompletableFuture<Cifar10Raw> mine, boolean[] readHere) {
        try {
            mine.complete(Cifar10Reader.readDirectory(key));
            readHere[0] = true;
        } catch (Throwable t) {
            CACHE.remove(key, mine);
            mine.completeExceptionally(t);
        }
        return join(mine);
    }

    private static Cifar10Raw join(CompletableFuture<Cifar10Raw> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw e;
        }
    }
}
