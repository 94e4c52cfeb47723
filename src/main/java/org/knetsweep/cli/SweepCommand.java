package org.knetsweep.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knetsweep.KnetException;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.data.DataSets;
import org.knetsweep.results.ModelFiles;
import org.knetsweep.results.ResultStore;
import org.knetsweep.results.SweepLease;
import org.knetsweep.spark.SparkTrialRunner;
import org.knetsweep.spark.SweepSession;
import org.knetsweep.sweep.LambdaSearch;
import org.knetsweep.sweep.StageReport;
import org.knetsweep.sweep.SweepDriver;
import org.knetsweep.sweep.SweepResult;
import org.knetsweep.sweep.SweepText;
import org.knetsweep.sweep.VariedParams;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.FinalTest;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * {@code knet sweep}: the coarse-then-fine lambda search on Spark, with results in Parquet tables. The main job.
 */
public final class SweepCommand implements Command {
    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String summary() {
        return "coarse-then-fine lambda search on Spark, results in Parquet tables (the main job)";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("sweep-id", "ID", "name the sweep; rerunning with the same id resumes it (finished trials "
                        + "are kept); default: <knet.sweep.name>-<time>"),
                Option.flag("no-compact", "keep the per-trial files (by default they are merged into one file per table "
                        + "when the driver finishes; knet compact does it later; docs/scale.md)"));
    }

    @Override
    public String notes() {
        return """
                Settings: knet.sweep.* (stages), knet.results.root (tables), knet.spark.master, knet.training.*,
                knet.network.*, knet.data.* (see reference.conf and conf/lambda-search.conf).
                Beyond the report (off by default): knet.sweep.halving.* (successive halving of each search stage,
                conf/lambda-search-halving.conf), knet.sweep.replicas and replicas-top-k (fresh-seed re-runs of the top
                candidates, choice by mean), knet.sweep.edge.* (warn, or extend the coarse range, when the best value
                lies at its edge; conf/lambda-search-replicas.conf). Simulate halving on a finished sweep: knet replay.
                """;
    }

    @Override
    public int run(Invocation inv) {
        LoadedConfig cfg = inv.config();
        String sweepId = inv.option("sweep-id", SweepText.newSweepId(cfg.sweep().name(), Instant.now()));
        if (sweepId.isBlank()) throw new KnetException("--sweep-id needs an id, not a blank one");
        try (SweepSession spark = SweepSession.open(inv.master() != null ? inv.master() : cfg.sweep().sparkMaster(),
                "knet-sweep " + sweepId)) {
            SweepResult r = run(cfg, sweepId, spark, inv.out(), !inv.flag("no-compact"));
            return r.sweep().status() == SweepStatus.COMPLETE ? 0 : 3;
        }
    }

    /** Runs (or resumes) one sweep on the session's executors and prints its summary. */
    static SweepResult run(LoadedConfig cfg, String sweepId, SweepSession spark, PrintStream out) {
        return run(cfg, sweepId, spark, out, true);
    }

    /** Runs (or resumes) one sweep; {@code compact}: merge its per-trial files when the driver has finished. */
    static SweepResult run(LoadedConfig cfg, String sweepId, SweepSession spark, PrintStream out,
                           boolean compact) {
        // a table is read and checked here first: bad input is one line, before any trial and any write
        DataSets.check(cfg.run(), out);
        ResultStore store = new ResultStore(cfg.sweep().resultsRoot(), Map.of());
        // one driver per sweep: refused (exit 2) while another driver holds the sweep's lease
        try (SweepLease lease = SweepLease.acquire(store, sweepId, Duration.ofSeconds(cfg.leaseTimeoutSeconds()), out)) {
            return run(cfg, sweepId, spark, out, store, compact);
        }
    }

    private static SweepResult run(LoadedConfig cfg, String sweepId, SweepSession spark, PrintStream out,
                                   ResultStore store, boolean compact) {
        SparkTrialRunner runner = spark.runner(store);
        out.printf(Locale.ROOT, "sweep %s (%s) on %s (%d slots), tables in %s%n", sweepId, cfg.sweep().mode().label(),
                spark.master(), runner.slots(), store.root());
        long t0 = System.nanoTime();
        var loads = runner.preload(cfg.run().data(), cfg.run().seed());
        for (var l : loads.stream().collect(java.util.stream.Collectors.toMap(SparkTrialRunner.DataLoad::executorId,
                x -> x, (a, b) -> a, java.util.LinkedHashMap::new)).values())
            out.printf(Locale.ROOT, "executor %s on %s: %s loaded and standardized in %.1f s, peak RSS %d MB%n",
                    l.executorId(), l.host(), cfg.run().data().isTable() ? "table" : "CIFAR-10", l.loadMs() / 1e3,
                    l.peakRssMb());
        if (store.recoverCompaction(sweepId)) out.println("finished an interrupted compaction of sweep " + sweepId);
        SweepResult r = new SweepDriver(cfg, runner, store, out).run(sweepId, spark.master(), spark.applicationId(),
                spark.versions());
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        int fresh = cfg.sweep().halving().freshRung();
        long screening = fresh < 0 ? 0 : screeningSteps(store.readRungs(sweepId), fresh);
        printSummary(out, r, VariedParams.of(cfg.sweep().effectiveSpace()), store, wallMs, screening);
        if (compact) CompactCommand.compact(store, sweepId, out);
        return r;
    }

    /**
     * Steps that no {@code trials} row counts: with halving.restarts a trial that reached rung {@code top} was trained
     * afresh there, so the steps of its screening rungs (its rung {@code top - 1} row's, which count those below) are
     * not in its row.
     */
    static long screeningSteps(List<TrialOutcome> rungs, int top) {
        java.util.Set<String> reachedTop = new java.util.HashSet<>();
        for (TrialOutcome o : rungs) if (o.rung() == top) reachedTop.add(o.trialId() + "/" + o.replica());
        return rungs.stream().filter(o -> o.rung() == top - 1 && reachedTop.contains(o.trialId() + "/" + o.replica()))
                .mapToLong(TrialOutcome::steps).sum();
    }

    /**
     * The sweep's summary; trials are named by the parameters the sweep varies ({@code varied});
     * {@code screeningSteps}: training steps spent outside the trials' rows (see above).
     */
    static void printSummary(PrintStream out, SweepResult r, VariedParams varied, ResultStore store, long wallMs,
                             long screeningSteps) {
        var s = r.sweep();
        out.println();
        out.printf(Locale.ROOT, "sweep %s %s in %s%n", s.sweepId(), s.status(), SweepText.duration(wallMs));
        for (Stage stage : Stage.values()) {
            List<TrialOutcome> ofStage = r.trials().stream().filter(t -> t.stage() == stage).toList();
            List<TrialOutcome> top = LambdaSearch.ranked(ofStage);
            long stopped = ofStage.stream().filter(t -> t.status() == TrainingStatus.STOPPED).count();
            long notComplete = ofStage.size() - top.size() - stopped;
            if (ofStage.isEmpty()) continue;
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(3, top.size()); i++) {
                b.append(String.format(Locale.ROOT, "%s%.4f (%s)", i == 0 ? "" : ", ",
                        top.get(i).valAccuracy(), point(varied, top.get(i))));
            }
            out.printf(Locale.ROOT, "  %-6s top val accuracy: %s%s%s%n", stage.label(), b,
                    stopped > 0 ? " [" + stopped + " stopped early by successive halving]" : "",
                    notComplete > 0 ? " [" + notComplete + " failed or diverged]" : "");
        }
        long steps = r.trials().stream().mapToLong(TrialOutcome::steps).sum() + screeningSteps;
        out.printf(Locale.ROOT, "  training steps: %d over %d trials%s%n", steps, r.trials().size(), screeningSteps == 0
                ? "" : String.format(Locale.ROOT, " (%d in the screening rungs of the trials that reached the last)",
                screeningSteps));
        for (Candidate c : r.candidates()) {
            if (c.replicas() < 2) continue;
            String lambda = String.format(Locale.ROOT, "log10 lambda %.4f", c.log10Lambda());
            String at = varied.lambdaOnly() ? lambda : r.trials().stream()
                    .filter(t -> t.trialId().equals(c.candidateId())).findFirst().map(varied::label).orElse(lambda);
            out.printf(Locale.ROOT, "  %-6s candidate %s (%s): mean val %.4f, sd %.4f, 95%% CI [%.4f, %.4f], n=%d%n",
                    c.stage().label(), c.candidateId(), at, c.mean(), c.sd(), c.ciLow(), c.ciHigh(), c.replicas());
        }
        if (!s.notes().isEmpty()) for (String line : s.notes().split("\n")) out.println("  note: " + line);
        for (StageReport st : r.stages()) {
            if (st.trained() == 0) {
                out.printf(Locale.ROOT, "  %-6s efficiency: - (nothing trained in this run)%n", st.label());
            } else {
                out.printf(Locale.ROOT, "  %-6s efficiency: %.2f (wall %.1f s; trials %.1f s over %d slots; "
                                + "%d trials, %.1f trials/s, overhead %.1f ms per trial)%n",
                        st.label(), st.efficiency(), st.wallMs() / 1e3, st.trialMs() / 1e3, st.slots(), st.trained(),
                        st.trialsPerSecond(), st.overheadMsPerTrial());
            }
        }
        for (TrialOutcome t : r.trials()) {
            if (t.stage() != Stage.GRID) continue;
            out.printf(Locale.ROOT, "  %s %s%s, %s, lambda %.4g, %d cycles: %s val %.4f (best %.4f) test %.4f%n",
                    t.trialId(), t.hidden(), t.batchNorm() ? " with batch norm" : " without batch norm",
                    t.init().equals("he") ? "he init" : "normal init sigma " + t.initSigma(), t.lambda(), t.cycles(),
                    t.status(), t.valAccuracy(), t.bestValAccuracy(), t.testAccuracy());
        }
        out.printf(Locale.ROOT, "  best log10(lambda) = %.4f (lambda %.6f), trial %s, val_accuracy %.4f%n",
                s.bestLog10Lambda(), Math.pow(10, s.bestLog10Lambda()), s.bestTrialId(), s.bestValAccuracy());
        if (!varied.lambdaOnly()) r.trials().stream().filter(t -> t.trialId().equals(s.bestTrialId())).findFirst()
                .ifPresent(t -> out.println("  best point: " + varied.label(t)));
        printFinalTest(out, s);
        out.println("  tables: " + store.root() + "/{trials,epochs,sweeps,rungs,candidates,models}");
        printModels(out, store, s.sweepId());
        out.println("  query:  submit/knet query \"SELECT stage, trial_id, log10_lambda, status, val_accuracy, "
                + "test_accuracy FROM trials WHERE sweep_id = '" + s.sweepId() + "' ORDER BY val_accuracy DESC\" "
                + "--results " + store.root());
        out.printf(Locale.ROOT, "best_log10_lambda=%.4f val_accuracy=%.4f test_accuracy=%.4f%n", s.bestLog10Lambda(),
                s.bestValAccuracy(), s.testAccuracy());
    }

    /** A trial's point in the summary: "log10 lambda -2.3100", or every varied parameter when more than lambda. */
    private static String point(VariedParams varied, TrialOutcome t) {
        return varied.lambdaOnly() ? String.format(Locale.ROOT, "log10 lambda %.4f", t.log10Lambda()) : varied.label(t);
    }

    /** The final stage's test accuracy: mean, sd and 95% interval over its seeds, and what it trained on. */
    static void printFinalTest(PrintStream out, SweepRecord s) {
        FinalTest f = s.finalTest();
        if (f.replicas() == 0) return;
        String on = "; final networks trained on " + ("train".equals(f.refit()) ? "the training split"
                : "training + validation images") + " (knet.sweep.final.refit = " + f.refit() + ")";
        if (f.replicas() > 1) {
            out.printf(Locale.ROOT, "  final test_accuracy over %d seeds: mean %.4f, sd %.4f, 95%% CI [%.4f, %.4f] "
                    + "(final-000: %.4f)%s%n", f.replicas(), f.mean(), f.sd(), f.ciLow(), f.ciHigh(),
                    s.testAccuracy(), on);
        } else {
            out.printf(Locale.ROOT, "  final test_accuracy %.4f (one seed)%s%n", f.mean(), on);
        }
    }

    /** Where the saved models are and how to evaluate them (nothing when the sweep saved none). */
    private static void printModels(PrintStream out, ResultStore store, String sweepId) {
        List<ModelFiles.Row> models = new ModelFiles(store).readRows(sweepId);
        if (models.isEmpty()) return;
        out.println("  models: " + models.size() + " saved (" + models.get(models.size() - 1).path()
                + (models.size() > 1 ? ", ..." : "") + "); evaluate: submit/knet evaluate " + sweepId + " --results "
                + store.root());
    }
}
