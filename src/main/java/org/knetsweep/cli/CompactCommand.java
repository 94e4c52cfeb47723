package org.knetsweep.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.knetsweep.KnetException;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.results.ResultStore;
import org.knetsweep.results.SweepLease;
import org.knetsweep.spark.SparkStores;

/**
 * {@code knet compact --sweep-id ID}: merges a sweep's per-trial files into one file per table (see docs/scale.md).
 * The sweep command does this itself when its driver finishes; this command is for sweeps stored by an older
 * version, or by a driver that was killed (compact only when no driver runs the sweep).
 */
public final class CompactCommand implements Command {
    @Override
    public String name() {
        return "compact";
    }

    @Override
    public String summary() {
        return "merge a sweep's per-trial Parquet files into one file per table";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.required("sweep-id", "ID", "the sweep to compact (refused while a driver runs it: it takes the "
                        + "sweep's lease)"),
                Option.RESULTS);
    }

    @Override
    public String notes() {
        return "Idempotent; an interrupted compaction is finished by the next run (see docs/scale.md).\n";
    }

    @Override
    public int run(Invocation inv) {
        String sweepId = inv.option("sweep-id", "");
        if (sweepId.isBlank()) throw new KnetException("compact needs --sweep-id ID, not a blank one");
        String root = inv.option("results", QueryCommand.configuredRoot(inv.config()));
        ResultStore store = SparkStores.open(root);
        if (!store.exists()) {
            throw new KnetException("results root " + root + " (" + store.root() + ") does not exist; "
                    + "give --results PATH or set knet.results.root");
        }
        if (store.readSweep(sweepId).isEmpty())
            throw new KnetException("no sweep " + sweepId + " under " + store.root());
        int timeout = inv.config() == null ? LoadedConfig.DEFAULT_LEASE_TIMEOUT : inv.config().leaseTimeoutSeconds();
        // the sweep's lease: refused (exit 2) while a driver runs the sweep
        try (SweepLease lease = SweepLease.acquire(store, sweepId, Duration.ofSeconds(timeout), inv.out())) {
            if (store.recoverCompaction(sweepId)) inv.out().println("finished an interrupted compaction of " + sweepId);
            compact(store, sweepId, inv.out());
        }
        return 0;
    }

    /** Compacts the sweep and prints one line with the file counts before and after. */
    static void compact(ResultStore store, String sweepId, PrintStream out) {
        long t0 = System.nanoTime();
        var tables = store.compact(sweepId);
        String counts = tables.stream().map(t -> String.format(Locale.ROOT, "%s %d -> %d", t.table(), t.filesBefore(),
                t.filesAfter())).collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "compacted sweep %s: files %s (%.1f s)%n", sweepId,
                counts.isEmpty() ? "none" : counts, (System.nanoTime() - t0) / 1e9);
    }
}
