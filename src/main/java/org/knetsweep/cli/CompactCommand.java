package org.knetsweep.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.knetsweep.KnetException;
import org.knetsweep.results.ResultStore;
import org.knetsweep.results.ResultTables;

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
    public String usage() {
        return """
                  knet compact --sweep-id ID [--results PATH]
                  --sweep-id ID    the sweep to compact (no driver may be running it)
                  --results PATH   folder or Hadoop URI of the tables (default: knet.results.root)
                Idempotent; an interrupted compaction is finished by the next run (see docs/scale.md).
                """;
    }

    @Override
    public int run(Invocation inv) {
        String sweepId = inv.option("sweep-id", null);
        if (sweepId == null || sweepId.isBlank()) throw new KnetException("knet compact needs --sweep-id ID");
        String root = inv.option("results", QueryCommand.configuredRoot(inv.config()));
        ResultStore store = new ResultStore(root, ResultTables.hadoopSettings(new SparkConf()));
        if (!store.exists()) {
            throw new KnetException("results root " + root + " (" + store.root() + ") does not exist; "
                    + "give --results PATH or set knet.results.root");
        }
        if (store.readSweep(sweepId).isEmpty())
            throw new KnetException("no sweep " + sweepId + " under " + store.root());
        compact(store, sweepId, inv.out());
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
