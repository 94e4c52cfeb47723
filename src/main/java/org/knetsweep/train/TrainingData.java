package org.knetsweep.train;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;
import org.knetsweep.data.DataSets;
import org.knetsweep.data.DataSplit;

/**
 * A data split ready for training: the images plus the training set standardized once into a float table that
 * every trial's batcher reads (about 553 MB for 45,000 images).
 *
 * <p>{@link #shared} keeps one instance per JVM for the most recent (data config, split seed): a Spark executor
 * loads and standardizes CIFAR-10 once and all its tasks, concurrent or later, share it read-only.
 */
public final class TrainingData {
    private static final Object LOCK = new Object();
    private static Key sharedKey;
    private static CompletableFuture<TrainingData> shared;

    private final DataSplit split;
    private final float[] trainTable;
    private final long prepareMs;

    public TrainingData(DataSplit split) {
        long t0 = System.nanoTime();
        this.split = split;
        this.trainTable = Batcher.standardize(split.train(), split.standardizer());
        this.prepareMs = (System.nanoTime() - t0) / 1_000_000;
    }

    private record Key(DataConfig data, long seed, boolean refit) {
    }

    /**
     * This JVM's training data for (data, seed), loading it on first use; concurrent callers wait for the one load.
     * A different key replaces the previous one (a JVM serves one sweep's data at a time).
     */
    public static TrainingData shared(DataConfig data, long seed, PrintStream log) {
        return shared(data, seed, false, log);
    }

    /**
     * As {@link #shared(DataConfig, long, PrintStream)}; with {@code refit} the split's training set is the training
     * plus the validation images (see {@link DataSplit#refit}).
     */
    public static TrainingData shared(DataConfig data, long seed, boolean refit, PrintStream log) {
        Key key = new Key(data, seed, refit);
        CompletableFuture<TrainingData> future;
        boolean mine = false;
        synchronized (LOCK) {
            if (shared == null || !Objects.equals(sharedKey, key) || failedTransiently(shared)) {
                sharedKey = key;
                shared = new CompletableFuture<>();
                mine = true;
            }
            future = shared;
        }
        if (mine) {
            try {
                DataSplit split = DataSets.load(data, seed, log);
                future.complete(new TrainingData(refit ? split.refit() : split));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /**
     * Whether a load failed for a reason a retry may not meet again (an I/O error, say). A user error (a truncated
     * archive, a missing path: a {@link KnetException}) stays this JVM's answer for the key, so that tasks arriving
     * after it report it instead of loading again and printing the loader's lines twice.
     */
    private static boolean failedTransiently(CompletableFuture<TrainingData> load) {
        if (!load.isCompletedExceptionally()) return false;
        try {
            load.join();
            return false;
        } catch (CompletionException e) {
            return !(e.getCause() instanceof KnetException);
        } catch (RuntimeException e) {
            return true;
        }
    }

    public DataSplit split() {
        return split;
    }

    /** A new batcher over the training images, sharing the standardized table. */
    public Batcher trainBatcher() {
        return new Batcher(split.train(), split.standardizer(), trainTable);
    }

    /** Milliseconds spent standardizing the training set. */
    public long prepareMs() {
        return prepareMs;
    }
}
