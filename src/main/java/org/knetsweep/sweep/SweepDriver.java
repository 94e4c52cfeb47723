package org.knetsweep.sweep;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knetsweep.KnetException;
import org.knetsweep.config.GridConfig;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.SweepConfig;
import org.knetsweep.results.ResultStore;

/**
 * The driver's side of a lambda search: proposes each stage's trials ({@link LambdaSearch}), hands the ones not yet
 * stored to a {@link TrialRunner}, reads the stage's results back from the {@link ResultStore}, and keeps the
 * {@code sweeps} row up to date. Strategy, runner and storage stay apart; the store is the source of truth, which
 * makes a rerun with the same sweep id a resume.
 */
public final class SweepDriver {
    /** One stage's timing: wall time against the trial time it contained, over the runner's slots. */
    public record StageReport(Stage stage, int planned, int trained, long wallMs, long trialMs, int slots) {
        /** (sum of trial wall times / slots) / stage wall time; NaN when nothing was trained. */
        public double efficiency() {
            return trained == 0 || wallMs == 0 ? Double.NaN : (double) trialMs / slots / wallMs;
        }
    }

    /** The result of a sweep run. */
    public record Result(SweepRecord sweep, List<StageReport> stages, List<TrialOutcome> trials) {
    }

    private final LoadedConfig config;
    private final SweepConfig sweep;
    private final TrialRunner runner;
    private final ResultStore store;
    private final PrintStream out;

    public SweepDriver(LoadedConfig config, TrialRunner runner, ResultStore store, PrintStream out) {
        this.config = config;
        this.sweep = config.sweep();
        this.runner = runner;
        this.store = store;
        this.out = out;
    }

    /**
     * Runs (or resumes) sweep {@code sweepId}. {@code master}, {@code applicationId} and {@code versions} are
     * provenance for the sweeps table.
     */
    public Result run(String sweepId, String master, String applicationId, String versions) {
        Optional<SweepRecord> previous = store.readSweep(sweepId);
        if (previous.isPresent() && !previous.get().config().equals(config.rendered())) {
            throw new KnetException("sweep " + sweepId + " in " + store.root() + " was started with a different "
                    + "configuration; rerun it with the same settings to resume, or choose a new --sweep-id");
        }
        Instant started = previous.map(SweepRecord::startedAt).orElse(TrialTask.now());
        previous.ifPresent(p -> out.println("resuming sweep " + sweepId + " (started " + p.startedAt()
                + ", status " + p.status() + ")"));
        SweepRecord running = record(sweepId, "RUNNING", started, null, null, Double.NaN, Double.NaN, Double.NaN,
                master, applicationId, versions);
        store.writeSweep(running);
        List<StageReport> reports = new ArrayList<>();
        try {
            if (sweep.mode() == SweepConfig.Mode.GRID) return runGrid(sweepId, started, master, applicationId, versions,
                    reports);
            long seed = config.run().seed();
            List<TrialOutcome> coarse = runStage(sweepId, Stage.COARSE, LambdaSearch.coarse(sweep, seed), false,
                    reports);
            List<TrialOutcome> all = new ArrayList<>(coarse);
            if (sweep.fineTrials() > 0) {
                Optional<LambdaSearch.Range> range = LambdaSearch.fineRange(coarse, sweep);
                if (range.isEmpty()) {
                    out.println("[fine] skipped: no coarse trial completed");
                } else {
                    out.printf(Locale.ROOT, "[fine] log10(lambda) range [%.4f, %.4f]%n", range.get().min(),
                            range.get().max());
                    all.addAll(runStage(sweepId, Stage.FINE, LambdaSearch.fine(range.get(), sweep, seed), false,
                            reports));
                }
            }
            Optional<TrialOutcome> best = LambdaSearch.best(all);
            TrialOutcome finalTrial = null;
            if (best.isPresent() && sweep.finalEnabled()) {
                List<TrialOutcome> fin = runStage(sweepId, Stage.FINAL, List.of(best.get().log10Lambda()), true,
                        reports);
                all.addAll(fin);
                finalTrial = fin.isEmpty() ? null : fin.get(0);
            }
            SweepRecord done = record(sweepId, best.isPresent() ? "COMPLETE" : "FAILED", started, TrialTask.now(),
                    best.map(TrialOutcome::trialId).orElse(null),
                    best.map(TrialOutcome::log10Lambda).orElse(Double.NaN),
                    best.map(TrialOutcome::valAccuracy).orElse(Double.NaN),
                    finalTrial == null ? Double.NaN : finalTrial.testAccuracy(), master, applicationId, versions);
            store.writeSweep(done);
            return new Result(done, reports, all);
        } catch (RuntimeException e) {
            store.writeSweep(record(sweepId, "FAILED", started, TrialTask.now(), null, Double.NaN, Double.NaN,
                    Double.NaN, master, applicationId, versions));
            throw e;
        }
    }

    /** A grid sweep: one stage over the grid's points; the best point by validation accuracy is the sweep's best. */
    private Result runGrid(String sweepId, Instant started, String master, String applicationId, String versions,
                           List<StageReport> reports) {
        RunConfig base = config.run();
        List<GridConfig.Point> points = sweep.grid().points(base.network(), base.training());
        List<TrialSpec> specs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            GridConfig.Point p = points.get(i);
            RunConfig run = base.withNetwork(p.network()).withTraining(p.training())
                    .withSeed(SeedPolicy.trialSeed(base.seed(), Stage.GRID, i));
            String id = TrialSpec.id(Stage.GRID, i);
            specs.add(new TrialSpec(sweepId, Stage.GRID, i, Math.log10(p.training().lambda()), run, base.seed(), true,
                    config.hash(), sweep.failTrials().contains(id)));
        }
        out.println("[grid] " + specs.size() + " points");
        List<TrialOutcome> all = runStage(sweepId, Stage.GRID, specs, reports);
        Optional<TrialOutcome> best = LambdaSearch.best(all);
        SweepRecord done = record(sweepId, best.isPresent() ? "COMPLETE" : "FAILED", started, TrialTask.now(),
                best.map(TrialOutcome::trialId).orElse(null), best.map(TrialOutcome::log10Lambda).orElse(Double.NaN),
                best.map(TrialOutcome::valAccuracy).orElse(Double.NaN),
                best.map(TrialOutcome::testAccuracy).orElse(Double.NaN), master, applicationId, versions);
        store.writeSweep(done);
        return new Result(done, reports, all);
    }

    private List<TrialOutcome> runStage(String sweepId, Stage stage, List<Double> log10Lambdas, boolean isFinal,
                                        List<StageReport> reports) {
        List<TrialSpec> specs = new ArrayList<>();
        for (int i = 0; i < log10Lambdas.size(); i++) specs.add(spec(sweepId, stage, i, log10Lambdas.get(i), isFinal));
        return runStage(sweepId, stage, specs, reports);
    }

    /** Runs what is not stored yet and returns the stage's stored outcomes in trial order. */
    private List<TrialOutcome> runStage(String sweepId, Stage stage, List<TrialSpec> specs,
                                        List<StageReport> reports) {
        List<TrialSpec> pending = specs.stream().filter(s -> !store.hasTrial(sweepId, s.trialId())).toList();
        if (pending.size() < specs.size())
            out.printf("[%s] %d of %d trials already stored, not retrained%n", stage.label(),
                    specs.size() - pending.size(), specs.size());
        long wall = 0;
        long trialMs = 0;
        int trained = 0;
        if (!pending.isEmpty()) {
            long t0 = System.nanoTime();
            StageProgress progress = new StageProgress(out, stage, pending.size(), 10_000);
            List<TrialSummary> summaries = runner.run(stage, pending, progress);
            wall = (System.nanoTime() - t0) / 1_000_000;
            for (TrialSummary s : summaries) {
                if (!s.reused()) {
                    trained++;
                    trialMs += s.wallMs();
                }
            }
        }
        StageReport report = new StageReport(stage, specs.size(), trained, wall, trialMs, runner.slots());
        reports.add(report);
        List<TrialOutcome> stored = store.readTrials(sweepId).stream().filter(t -> t.stage() == stage).toList();
        if (stored.size() != specs.size())
            throw new IllegalStateException("stage " + stage.label() + ": " + stored.size() + " stored trials, expected "
                    + specs.size());
        return stored;
    }

    TrialSpec spec(String sweepId, Stage stage, int index, double log10Lambda, boolean isFinal) {
        RunConfig base = config.run();
        var training = base.training().withLambda(Math.pow(10, log10Lambda));
        if (isFinal) training = training.withCycles(sweep.finalCycles());
        RunConfig run = base.withTraining(training).withSeed(SeedPolicy.trialSeed(base.seed(), stage, index));
        String id = TrialSpec.id(stage, index);
        return new TrialSpec(sweepId, stage, index, log10Lambda, run, base.seed(), isFinal, config.hash(),
                sweep.failTrials().contains(id));
    }

    private SweepRecord record(String sweepId, String status, Instant started, Instant finished, String bestTrial,
                               double bestLog10, double bestVal, double test, String master, String appId,
                               String versions) {
        return new SweepRecord(sweepId, sweep.name(), config.rendered(), status, started, finished, bestTrial,
                bestLog10, bestVal, test, master, appId, versions);
    }

    /** A generated sweep id: the sweep name and the UTC start time. */
    public static String newSweepId(String name, Instant now) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(now);
        return name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + stamp;
    }

    /** Human-readable duration. */
    public static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }
}
