package org.knetsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knetsweep.bench.SearchBenchmark;
import org.knetsweep.bench.SearchCurve;
import org.knetsweep.bench.SearchSummary;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.io.AtomicFile;
import org.knetsweep.report.SearchBenchmarkPage;
import org.knetsweep.results.ResultStore;
import org.knetsweep.results.SweepLease;
import org.knetsweep.spark.SparkTrialRunner;
import org.knetsweep.spark.SweepSession;
import org.knetsweep.sweep.SweepDriver;
import org.knetsweep.sweep.SweepResult;

/**
 * {@code knet bench-search}: the search methods compared on the proxy problem of {@code conf/bench/search.conf}, K
 * seeds each (docs/adaptive-search.md). Runs every (seed, method) as a sweep on Spark (a finished one is reused on a
 * rerun), prints the figures per method and writes the page and its figures.
 */
public final class BenchSearchCommand implements Command {
    @Override
    public String name() {
        return "bench-search";
    }

    @Override
    public String summary() {
        return "search methods (random, sobol, coarse-fine, tpe, asha) compared over seeds on a proxy problem";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("seeds", "K", "seeds per method: knet.sweep.search-seed = 1..K (default 5); the data "
                        + "split stays that of knet.seed, so every run is scored on the same validation images"),
                Option.value("trials", "N", "new trials per method and seed (default 32)"),
                Option.value("methods", "a,b", "some of " + String.join(", ", SearchBenchmark.NAMES) + " (default all)"),
                Option.value("pick", "R", "also retrain each run's best configuration R times (the final stage, "
                        + "fresh seeds, the trials' own cycles) and report its mean test accuracy (default 0: off; "
                        + "the sweeps are then bench-...-pickR)"),
                Option.value("lag", "L", "knet.sweep.tpe.lag of the adaptive methods (default 1: two slots busy)"),
                Option.value("proxy", "FILE", "the proxy problem (default conf/bench/search.conf); --set overrides it"),
                Option.value("out", "DIR", "the page and figures (default notebooks-out/bench-search)"));
    }

    @Override
    public String notes() {
        return """
                Prints per method the median [quartiles] across seeds of the best validation accuracy after 8, 16
                and N trials, the steps and wall time spent, and the trials and steps needed to reach random
                search's median final best. Each sweep's console goes to DIR/logs/.
                """;
    }

    @Override
    public int run(Invocation inv) throws Exception {
        int seeds = inv.intOption("seeds", 5, 1);
        int trials = inv.intOption("trials", 32, 1);
        int lag = inv.intOption("lag", 1, 0);
        int pick = inv.intOption("pick", 0, 0);
        List<String> names = Arrays.stream(inv.option("methods", String.join(",", SearchBenchmark.NAMES)).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<SearchBenchmark.Method> methods = SearchBenchmark.methods(names, trials, lag);
        Path proxy = Path.of(inv.option("proxy", "conf/bench/search.conf"));
        Path outDir = Path.of(inv.option("out", "notebooks-out/bench-search"));
        PrintStream out = inv.out();
        LoadedConfig base = ConfigLoader.load(proxy, inv.sets());
        ResultStore store = new ResultStore(base.sweep().resultsRoot(), Map.of());
        try (SweepSession spark = SweepSession.open(inv.master() != null ? inv.master() : base.sweep().sparkMaster(),
                "knet bench-search")) {
            SparkTrialRunner runner = spark.runner(store);
            out.printf(Locale.ROOT, "knet bench-search: %d methods x %d seeds, %d trials each, lag %d, on %s (%d "
                            + "slots); proxy %s; tables in %s%n", methods.size(), seeds, trials, lag, spark.master(),
                    runner.slots(), proxy, store.root());
            List<Long> seedList = new ArrayList<>();
            for (long s = 1; s <= seeds; s++) seedList.add(s);
            long[] loadedSeed = {Long.MIN_VALUE};
            List<String> pickSets = pick == 0 ? List.of()
                    : SearchBenchmark.pickCheck(pick, base.run().training().cycles());
            List<SearchBenchmark.Run> runs = SearchBenchmark.run(methods, seedList, pick == 0 ? "" : "-pick" + pick,
                    (sets, seed, id) -> {
                List<String> all = new ArrayList<>(inv.sets());
                all.addAll(sets);
                all.addAll(pickSets);
                all.add("knet.sweep.search-seed=" + seed);
                LoadedConfig cfg = ConfigLoader.load(proxy, all);
                if (loadedSeed[0] != cfg.run().seed()) {
                    runner.preload(cfg.run().data(), cfg.run().seed());
                    loadedSeed[0] = cfg.run().seed();
                }
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                SweepResult result;
                try (PrintStream sweepOut = new PrintStream(log, true, StandardCharsets.UTF_8);
                     SweepLease lease = SweepLease.acquire(store, id, Duration.ofSeconds(cfg.leaseTimeoutSeconds()),
                             sweepOut)) {
                    result = new SweepDriver(cfg, runner, store, sweepOut).run(id, spark.master(),
                            spark.applicationId(), spark.versions());
                } finally {
                    writeLog(outDir.resolve("logs").resolve(id + ".log"), log);
                }
                // the pick's test accuracy: the final stage's mean over its networks (NaN without a final stage)
                return new SearchBenchmark.SweepOutcome(SearchCurve.of(store.readTrials(id), store.readRungs(id),
                        cfg.sweep().halving().freshRung()), result.sweep().finalTest().mean());
            }, out);
            List<Integer> checkpoints = java.util.stream.Stream.of(8, 16, trials).filter(n -> n <= trials).distinct()
                    .sorted().toList();
            SearchSummary summary = SearchSummary.of(runs, "random", checkpoints, trials);
            long randomSteps = summary.rows().stream().filter(r -> r.method().equals("random")).findFirst()
                    .map(r -> (long) r.steps().median()).orElse(0L);
            summary.print(out, randomSteps);
            String setup = String.format(Locale.ROOT, "%d seeds per method (knet.sweep.search-seed = 1..%d, one data "
                    + "split), %d new trials each, "
                    + "lag %d, %d slots (%s); proxy problem %s.%s", seeds, seeds, trials, lag, runner.slots(),
                    spark.master(), proxy, pick == 0 ? "" : String.format(Locale.ROOT, " Each run's pick (its best "
                            + "configuration) retrained %d times with fresh seeds, mean test accuracy.", pick));
            out.println("page: " + SearchBenchmarkPage.write(outDir, runs, summary, setup));
            return 0;
        }
    }

    private static void writeLog(Path file, ByteArrayOutputStream log) {
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            AtomicFile.write(file, log.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
