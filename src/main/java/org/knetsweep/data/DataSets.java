package org.knetsweep.data;

import java.io.PrintStream;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.RunConfig;

/**
 * The data of a run from whichever source {@code knet.data.format} names: CIFAR-10's binary batches
 * ({@link Cifar10Loader}) or a labelled Parquet table ({@link TableLoader}). Both read once per JVM and split with
 * the same seeded shuffle ({@link Splits}).
 */
public final class DataSets {
    private DataSets() {
    }

    /** The split of a run with data seed {@code seed}; {@code log} (may be null) gets one line of timing. */
    public static DataSplit load(DataConfig cfg, long seed, PrintStream log) {
        return cfg.isTable() ? TableLoader.load(cfg, seed, log) : Cifar10Loader.load(cfg, seed, log);
    }

    /**
     * Reads and checks a table on the driver before a sweep starts, so that bad input is one line (exit 2) before
     * any trial runs and before anything is written; a no-op for CIFAR-10 (checked where it is read, as before).
     * Also checks that a batch fits in the table's training rows. Returns the split of the run's seed for a table,
     * null for CIFAR-10.
     */
    public static DataSplit check(RunConfig run, PrintStream log) {
        DataConfig cfg = run.data();
        if (!cfg.isTable()) return null;
        DataSplit split = TableLoader.load(cfg, run.seed(), log);
        int batch = run.training().batchSize();
        if (batch > split.train().size())
            throw new KnetException("invalid value for knet.training.batch-size: " + batch + " (expected at most the "
                    + split.train().size() + " training rows of table " + cfg.table().train() + ")");
        return split;
    }
}
