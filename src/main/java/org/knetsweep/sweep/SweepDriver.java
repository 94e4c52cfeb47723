package org.knetsweep.sweep;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.knetsweep.KnetException;
import org.knetsweep.config.EdgeGuardConfig;
import org.knetsweep.config.GridConfig;
import org.knetsweep.config.HalvingConfig;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.SweepConfig;
import org.knetsweep.results.ResultStore;
import org.knetsweep.train.TrainingStatus;

/**
 * The driver's side of a lambda search: proposes each stage's trials ({@link LambdaSearch}), hands the ones not yet
 * stored to a {@link TrialRunner}, reads the stage's results back from the {@link ResultStore}, and keeps the
 * {@code sweeps} row up to date. Strategy, runner and storage stay apart; the store is the source of truth, which
 * makes a rerun with the same sweep id a resume.
 */
public final class SweepDriver {
    /**
     * One Spark stage's timing (a search stage, one of its successive-halving rungs, or its replicas): wall time
     * against the trial time it contained, over the runner's slots.
     *
     * @param part "" for a whole stage, else e.g. "rung 1" or "replicas"
     */
    public record StageReport(Stage stage, String part, int planned, int trained, long wallMs, long trialMs,
                              int slots) {
        /** (sum of trial wall times / slots) / stage wall time; NaN when nothing was trained. */
        public double efficiency() {
            return trained == 0 || wallMs == 0 ? Double.NaN : (double) trialMs / slots / wallMs;
        }

        /** Trials trained per second of stage wall time; NaN when nothing was trained. */
        public double trialsPerSecond() {
            return trained == 0 || wallMs == 0 ? Double.NaN : trained * 1000.0 / wallMs;
        }

        /**
         * Slot time per trained trial not spent training it, in ms: (wall x slots - sum of trial wall times) /
         * trained; the per-trial cost of scheduling, storing and bookkeeping. NaN when nothing was trained.
         */
        public double overheadMsPerTrial() {
            return trained == 0 ? Double.NaN : ((double) wallMs * slots - trialMs) / trained;
        }

        /** The stage label with its part, e.g. "coarse rung 1". */
        public String label() {
            return label(stage, part);
        }

        static String label(Stage stage, String part) {
            return part.isEmpty() ? stage.label() : stage.label() + " " + part;
        }
    }

    /**
     * The result of a sweep run.
     *
     * @param candidates every search stage's candidates (with their replicas' statistics)
     */
    public record Result(SweepRecord sweep, List<StageReport> stages, List<TrialOutcome> trials,
                         List<Candidate> candidates) {
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
        Provenance prov = new Provenance(sweepId, started, master, applicationId, versions);
        store.writeSweep(prov.record(sweep, config, "RUNNING", null, null, List.of()));
        Run run = new Run(sweepId);
        try {
            return sweep.mode() == SweepConfig.Mode.GRID ? runGrid(run, prov) : runLambdaSearch(run, prov);
        } catch (RuntimeException e) {
            store.writeSweep(prov.record(sweep, config, "FAILED", TrialTask.now(), null, run.notes));
            throw e;
        }
    }

    /** What one run of the driver accumulates. */
    private static final class Run {
        final String sweepId;
        final List<StageReport> reports = new ArrayList<>();
        final List<TrialOutcome> trials = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Run(String sweepId) {
            this.sweepId = sweepId;
        }
    }

    /** The sweeps row's provenance columns. */
    private record Provenance(String sweepId, Instant started, String master, String applicationId,
                              String versions) {
        SweepRecord record(SweepConfig sweep, LoadedConfig config, String status, Instant finished, Best best,
                           List<String> notes) {
            return new SweepRecord(sweepId, sweep.name(), config.rendered(), status, started, finished,
                    best == null ? null : best.trialId, best == null ? Double.NaN : best.log10Lambda,
                    best == null ? Double.NaN : best.valAccuracy, best == null ? Double.NaN : best.testAccuracy,
                    master, applicationId, versions, String.join("\n", notes));
        }
    }

    /** The sweeps row's choice. */
    private record Best(String trialId, double log10Lambda, double valAccuracy, double testAccuracy) {
    }

    private boolean replicated() {
        return sweep.replicas() > 0;
    }

    /** Coarse (plus an edge extension), fine and final stages. */
    private Result runLambdaSearch(Run run, Provenance prov) {
        long seed = config.run().seed();
        LambdaSearch.Range coarseRange = new LambdaSearch.Range(sweep.log10Min(), sweep.log10Max());
        lambdaStage(run, Stage.COARSE, LambdaSearch.coarse(sweep, seed));
        guardEdge(run, coarseRange, seed);
        if (sweep.fineTrials() > 0) {
            Optional<LambdaSearch.Range> range = LambdaSearch.fineRangeOf(
                    Candidates.anchors(run.candidates, run.trials, replicated()), sweep);
            if (range.isEmpty()) {
                out.println("[fine] skipped: no coarse trial completed");
            } else {
                out.printf(Locale.ROOT, "[fine] log10(lambda) range [%.4f, %.4f]%n", range.get().min(),
                        range.get().max());
                lambdaStage(run, Stage.FINE, LambdaSearch.fine(range.get(), sweep, seed));
            }
        }
        Optional<Candidate> best = Candidates.best(run.candidates, replicated());
        if (best.isPresent()) note(run, Candidates.verdict(run.candidates, replicated()));
        TrialOutcome finalTrial = null;
        if (best.isPresent() && sweep.finalEnabled()) {
            List<TrialSpec> specs = List.of(spec(run.sweepId, Stage.FINAL, 0, best.get().log10Lambda(), true));
            List<TrialOutcome> fin = runStage(run, Stage.FINAL, "", specs);
            run.trials.addAll(fin);
            finalTrial = fin.isEmpty() ? null : fin.get(0);
        }
        Best chosen = best.map(c -> new Best(c.candidateId(), c.log10Lambda(), c.mean(),
                Double.NaN)).orElse(null);
        if (chosen != null && finalTrial != null)
            chosen = new Best(chosen.trialId(), chosen.log10Lambda(), chosen.valAccuracy(), finalTrial.testAccuracy());
        return finish(run, prov, chosen);
    }

    /**
     * The range-edge guard after the coarse stage: warns when the best value lies in the outer part of the range and,
     * when configured, runs one extension stage beyond that end (warning again if the best is still at the edge).
     */
    private void guardEdge(Run run, LambdaSearch.Range coarseRange, long seed) {
        EdgeGuardConfig edge = sweep.edge();
        Optional<Candidate> best = Candidates.best(run.candidates, replicated());
        if (best.isEmpty()) return;
        Optional<EdgeGuard.Side> side = EdgeGuard.check(best.get().log10Lambda(), coarseRange, edge.fraction());
        if (side.isEmpty()) return;
        note(run, EdgeGuard.warning("coarse", best.get().log10Lambda(), coarseRange, side.get(), edge.fraction())
                + (edge.extend() ? "; extending the search beyond it" : "; set knet.sweep.edge.extend = true to "
                + "search beyond it"));
        if (!edge.extend()) return;
        LambdaSearch.Range ext = EdgeGuard.extension(coarseRange, side.get(), edge);
        out.printf(Locale.ROOT, "[extend] log10(lambda) range [%.4f, %.4f]%n", ext.min(), ext.max());
        lambdaStage(run, Stage.EXTEND, LambdaSearch.sample(ext, edge.trials(),
                SeedPolicy.stageRandom(seed, Stage.EXTEND)));
        LambdaSearch.Range union = new LambdaSearch.Range(Math.min(coarseRange.min(), ext.min()),
                Math.max(coarseRange.max(), ext.max()));
        Candidate now = Candidates.best(run.candidates, replicated()).orElseThrow();
        EdgeGuard.check(now.log10Lambda(), union, edge.fraction()).ifPresent(s -> note(run,
                EdgeGuard.warning("coarse and extension", now.log10Lambda(), union, s, edge.fraction())));
    }

    /** A grid sweep: one stage over the grid's points; the best point by validation accuracy is the sweep's best. */
    private Result runGrid(Run run, Provenance prov) {
        RunConfig base = config.run();
        List<GridConfig.Point> points = sweep.grid().points(base.network(), base.training());
        List<TrialSpec> specs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            GridConfig.Point p = points.get(i);
            RunConfig cfg = base.withNetwork(p.network()).withTraining(p.training())
                    .withSeed(SeedPolicy.trialSeed(base.seed(), Stage.GRID, i));
            String id = TrialSpec.id(Stage.GRID, i);
            specs.add(new TrialSpec(run.sweepId, Stage.GRID, i, Math.log10(p.training().lambda()), cfg, base.seed(),
                    true, config.hash(), sweep.failTrials().contains(id)).withSaveModel(config.saveModels().saves(false)));
        }
        out.println("[grid] " + specs.size() + " points");
        searchStage(run, Stage.GRID, specs);
        Optional<Candidate> best = Candidates.best(run.candidates, replicated());
        if (best.isPresent() && run.candidates.size() > 1) note(run, Candidates.verdict(run.candidates, replicated()));
        Best chosen = best.map(c -> new Best(c.candidateId(), c.log10Lambda(), c.mean(),
                run.trials.stream().filter(t -> t.trialId().equals(c.candidateId())).findFirst()
                        .map(TrialOutcome::testAccuracy).orElse(Double.NaN))).orElse(null);
        return finish(run, prov, chosen);
    }

    private Result finish(Run run, Provenance prov, Best best) {
        SweepRecord done = prov.record(sweep, config, best != null ? "COMPLETE" : "FAILED", TrialTask.now(), best,
                run.notes);
        store.writeSweep(done);
        return new Result(done, run.reports, run.trials, run.candidates);
    }

    private void note(Run run, String text) {
        out.println("note: " + text);
        run.notes.add(text);
    }

    /** A coarse, extension or fine stage of the lambda search over the given values. */
    private void lambdaStage(Run run, Stage stage, List<Double> log10Lambdas) {
        List<TrialSpec> specs = new ArrayList<>();
        for (int i = 0; i < log10Lambdas.size(); i++) specs.add(spec(run.sweepId, stage, i, log10Lambdas.get(i), false));
        searchStage(run, stage, specs);
    }

    /**
     * A search stage: its trials (as successive halving when configured), then fresh-seed replicas of its top
     * candidates when configured, then its candidates table.
     */
    private void searchStage(Run run, Stage stage, List<TrialSpec> specs) {
        List<TrialOutcome> outcomes = new ArrayList<>(sweep.halving().enabled()
                ? runHalving(run, stage, specs) : runStage(run, stage, "", specs));
        if (sweep.replicas() > 0) {
            List<TrialOutcome> top = Candidates.topForReplicas(stage, outcomes, sweep.replicasTopK());
            List<TrialSpec> replicas = new ArrayList<>();
            for (TrialOutcome t : top) {
                TrialSpec first = specs.get(t.trialIndex());
                for (int r = 1; r <= sweep.replicas(); r++) replicas.add(replicaOf(first, r));
            }
            if (!replicas.isEmpty()) {
                out.printf(Locale.ROOT, "[%s] replicas: %d fresh seeds for each of %s%n", stage.label(),
                        sweep.replicas(), top.stream().map(TrialOutcome::trialId).toList());
                outcomes.addAll(runStage(run, stage, "replicas", replicas));
            }
        }
        List<Candidate> candidates = Candidates.of(stage, outcomes);
        store.writeCandidates(run.sweepId, stage.label(), candidates);
        run.trials.addAll(outcomes);
        run.candidates.addAll(candidates);
    }

    /** Replica {@code r} of a trial: the same hyperparameters with a fresh seed, trained in full. */
    private TrialSpec replicaOf(TrialSpec first, int r) {
        RunConfig cfg = first.run().withSeed(SeedPolicy.replicaSeed(config.run().seed(), first.stage(),
                first.trialIndex(), r));
        String id = TrialSpec.id(first.stage(), first.trialIndex()) + "-r" + r;
        return new TrialSpec(first.sweepId(), first.stage(), first.trialIndex(), first.log10Lambda(), cfg,
                first.dataSeed(), first.measureTest(), first.configHash(), sweep.failTrials().contains(id), r, null)
                .withSaveModel(first.saveModel());
    }

    /**
     * A stage as successive halving: rung by rung, the trials entering a rung train up to its budget (continuing from
     * their previous rung), the best floor(n / eta) by validation accuracy go on, the others get their {@code trials}
     * row with status STOPPED. Every decision is a function of the stored rung rows, so a resumed sweep makes the same
     * ones. The stage's checkpoints are deleted when it is done.
     */
    private List<TrialOutcome> runHalving(Run run, Stage stage, List<TrialSpec> specs) {
        HalvingConfig h = sweep.halving();
        Map<String, List<Double>> budgets = new LinkedHashMap<>();
        for (TrialSpec s : specs)
            budgets.put(s.trialId(), SuccessiveHalving.rungCycles(h, s.run().training().cycles()));
        List<TrialSpec> entering = specs;
        for (int r = 0; r < h.rungs() && !entering.isEmpty(); r++) {
            int rung = r;
            boolean last = r == h.rungs() - 1;
            List<TrialSpec> rungSpecs = entering.stream().map(s -> s.atRung(new TrialSpec.Rung(rung,
                    budgets.get(s.trialId()).get(rung), last))).toList();
            out.printf(Locale.ROOT, "[%s] rung %d/%d: %d trials to %s cycles%n", stage.label(), r, h.rungs() - 1,
                    rungSpecs.size(), format(budgets.get(rungSpecs.get(0).trialId()).get(r)));
            List<TrialSpec> pending = rungSpecs.stream().filter(s -> !store.hasRung(run.sweepId, s.trialId(), rung))
                    .toList();
            train(run, stage, "rung " + r, rungSpecs.size(), pending);
            Set<String> ids = rungSpecs.stream().map(TrialSpec::trialId).collect(Collectors.toSet());
            List<TrialOutcome> rows = store.readRungs(run.sweepId).stream()
                    .filter(o -> o.rung() == rung && ids.contains(o.trialId())).toList();
            if (rows.size() != rungSpecs.size())
                throw new IllegalStateException("stage " + stage.label() + " rung " + r + ": " + rows.size()
                        + " stored rung rows, expected " + rungSpecs.size());
            if (last) break;
            List<TrialOutcome> open = rows.stream().filter(o -> !reachedFullBudget(run, o)).toList();
            List<SuccessiveHalving.Entry> entries = open.stream().map(o -> new SuccessiveHalving.Entry(o.trialId(),
                    o.trialIndex(), o.status() == TrainingStatus.COMPLETE ? o.valAccuracy() : Double.NaN)).toList();
            List<SuccessiveHalving.Entry> promoted = SuccessiveHalving.promote(entries, h.eta());
            Set<String> kept = promoted.stream().map(SuccessiveHalving.Entry::trialId).collect(Collectors.toSet());
            out.printf(Locale.ROOT, "[%s] rung %d: %d of %d go on: %s%n", stage.label(), r, promoted.size(),
                    entries.size(), promoted.stream().map(e -> String.format(Locale.ROOT, "%s %.4f", e.trialId(),
                            e.score())).toList());
            for (TrialOutcome o : open) {
                if (kept.contains(o.trialId()) || store.hasTrial(run.sweepId, o.trialId())) continue;
                store.writeTrialRow(o.status() == TrainingStatus.COMPLETE
                        ? o.withStatus(TrainingStatus.STOPPED, String.format(Locale.ROOT,
                        "stopped by successive halving after rung %d (val %.4f; %d of %d went on)", rung,
                        o.valAccuracy(), promoted.size(), entries.size()), List.of())
                        : o);
            }
            entering = specs.stream().filter(s -> kept.contains(s.trialId())).toList();
        }
        store.deleteCheckpoints(run.sweepId, stage.label() + "-");
        return stored(run, stage, specs);
    }

    /** True when a rung row's trial already finished its full budget (its {@code trials} row exists). */
    private boolean reachedFullBudget(Run run, TrialOutcome rungRow) {
        return rungRow.status() == TrainingStatus.COMPLETE && store.hasTrial(run.sweepId, rungRow.trialId());
    }

    private static String format(double cycles) {
        return String.format(Locale.ROOT, "%.3g", cycles);
    }

    /** Runs what is not stored yet and returns the specs' stored outcomes in trial order. */
    private List<TrialOutcome> runStage(Run run, Stage stage, String part, List<TrialSpec> specs) {
        List<TrialSpec> pending = specs.stream().filter(s -> !store.hasTrial(run.sweepId, s.trialId())).toList();
        train(run, stage, part, specs.size(), pending);
        return stored(run, stage, specs);
    }

    /** Hands the pending specs to the runner and records the part's timing. */
    private void train(Run run, Stage stage, String part, int planned, List<TrialSpec> pending) {
        String label = StageReport.label(stage, part);
        if (pending.size() < planned)
            out.printf("[%s] %d of %d trials already stored, not retrained%n", label, planned - pending.size(),
                    planned);
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
        run.reports.add(new StageReport(stage, part, planned, trained, wall, trialMs, runner.slots()));
    }

    /** The stored trials of the specs, in trial order. */
    private List<TrialOutcome> stored(Run run, Stage stage, List<TrialSpec> specs) {
        Set<String> ids = specs.stream().map(TrialSpec::trialId).collect(Collectors.toSet());
        List<TrialOutcome> stored = store.readTrials(run.sweepId).stream().filter(t -> ids.contains(t.trialId()))
                .toList();
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
                sweep.failTrials().contains(id)).withSaveModel(config.saveModels().saves(isFinal));
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
