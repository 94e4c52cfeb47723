package org.knetsweep.sweep;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knetsweep.KnetException;
import org.knetsweep.config.EdgeGuardConfig;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.config.SweepConfig;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialStore;

/**
 * The sweep's driver: keeps the {@code sweeps} row up to date and runs the stages in order: a grid as one stage, a
 * search as coarse, (edge extension,) fine and final. Each stage's points come from a {@link StageStrategy}, its
 * trials run through a {@link StageScheduler} (full budget or successive halving, with replicas when configured),
 * and its outcomes are read back from the {@link TrialStore}, the source of truth: a rerun with the same sweep id is
 * a resume.
 */
public final class SweepDriver {
    private final LoadedConfig config;
    private final SweepConfig sweep;
    private final SearchSpace space;
    private final SpaceSampler sampler;
    private final TrialRunner runner;
    private final TrialStore store;
    private final PrintStream out;
    /** The search's seed (knet.sweep.search-seed, else knet.seed): samplers, proposals and trial seeds. */
    private final long seed;
    private final List<TrialOutcome> trials = new ArrayList<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private StageContext ctx;

    public SweepDriver(LoadedConfig config, TrialRunner runner, TrialStore store, PrintStream out) {
        this.config = config;
        this.sweep = config.sweep();
        this.space = sweep.effectiveSpace();
        this.sampler = SpaceSampler.of(sweep.sampler());
        this.runner = runner;
        this.store = store;
        this.out = out;
        this.seed = sweep.searchSeed(config.run().seed());
    }

    /**
     * Runs (or resumes) sweep {@code sweepId}. {@code master}, {@code applicationId} and {@code versions} are
     * provenance for the sweeps table.
     */
    public SweepResult run(String sweepId, String master, String applicationId, String versions) {
        Optional<SweepRecord> previous = store.readSweep(sweepId);
        if (previous.isPresent() && !previous.get().config().equals(config.rendered())) {
            throw new KnetException("sweep " + sweepId + " in " + store.root() + " was started with a different "
                    + "configuration; rerun it with the same settings to resume, or choose a new --sweep-id");
        }
        Instant started = previous.map(SweepRecord::startedAt).orElse(TrialTask.now());
        previous.ifPresent(p -> out.println("resuming sweep " + sweepId + " (started " + p.startedAt()
                + ", status " + p.status() + ")"));
        SweepRecord running = new SweepRecord(sweepId, sweep.name(), config.rendered(), SweepStatus.RUNNING, started,
                null, null, Double.NaN, Double.NaN, Double.NaN, master, applicationId, versions, "", space.hocon());
        store.writeSweep(running);
        ctx = new StageContext(sweepId, runner, store, out, VariedParams.of(space));
        try {
            Optional<Candidate> best = sweep.mode() == SweepConfig.Mode.GRID ? runGrid() : runSearch();
            SweepRecord done = finish(running, best);
            store.writeSweep(done);
            return new SweepResult(done, ctx.reports, trials, candidates);
        } catch (RuntimeException e) {
            store.writeSweep(finished(running, SweepStatus.FAILED, null, Double.NaN, Double.NaN, Double.NaN));
            throw e;
        }
    }

    /** Coarse (plus an edge extension), fine and final stages; returns the best candidate. */
    private Optional<Candidate> runSearch() {
        if (sweep.sampler() == SweepConfig.Sampler.TPE) {
            out.println("[coarse] tpe: " + sweep.coarseTrials() + " trials, the first " + sweep.tpe().startupTrials()
                    + " from a Sobol sequence, lag " + sweep.tpe().lag());
            streamStage(Stage.COARSE, sweep.coarseTrials(), Proposer.tpe(space, sweep.tpe(), seed, Stage.COARSE));
        } else {
            searchStage(Stage.COARSE, StageStrategy.coarse(space, sampler, sweep.coarseTrials(), seed));
        }
        StageStrategy.lambdaRange(space).ifPresent(this::guardEdge);
        if (sweep.fineTrials() > 0) {
            Optional<SearchSpace> fine = StageStrategy.fineSpace(space,
                    Candidates.anchorTrials(candidates, trials, replicated()), sweep.fineMinHalfWidth());
            if (fine.isEmpty()) {
                out.println("[fine] skipped: no coarse trial completed");
            } else {
                out.println("[fine] " + SweepText.describe(fine.get()));
                SpaceSampler fineSampler = sweep.sampler() == SweepConfig.Sampler.GRID ? new RandomSampler() : sampler;
                searchStage(Stage.FINE, StageStrategy.fine(fine.get(), fineSampler, sweep.fineTrials(), seed));
            }
        }
        Optional<Candidate> best = Candidates.best(candidates, replicated());
        if (best.isPresent()) note(Candidates.verdict(candidates, replicated()));
        if (best.isPresent() && sweep.finalEnabled()) {
            TrialOutcome first = trials.stream().filter(t -> t.trialId().equals(best.get().candidateId()))
                    .findFirst().orElseThrow();
            TrialSpec finalFirst = spec(Stage.FINAL, 0, StageStrategy.pointOf(space, first));
            trials.addAll(new StageScheduler.FullBudget(ctx, "").run(Stage.FINAL,
                    FinalStage.specs(finalFirst, config, seed, runner.slots(), out)));
        }
        return best;
    }

    /**
     * The range-edge guard after the coarse stage: warns when the best log10(lambda) lies in the outer part of the
     * range and, when configured, runs one extension stage beyond that end (warning again if still at the edge).
     */
    private void guardEdge(LambdaSearch.Range coarseRange) {
        EdgeGuardConfig edge = sweep.edge();
        Optional<Candidate> best = Candidates.best(candidates, replicated());
        if (best.isEmpty()) return;
        Optional<EdgeGuard.Side> side = EdgeGuard.check(best.get().log10Lambda(), coarseRange, edge.fraction());
        if (side.isEmpty()) return;
        note(EdgeGuard.warning("coarse", best.get().log10Lambda(), coarseRange, side.get(), edge.fraction())
                + (edge.extend() ? "; extending the search beyond it" : "; set knet.sweep.edge.extend = true to "
                + "search beyond it"));
        if (!edge.extend()) return;
        LambdaSearch.Range ext = EdgeGuard.extension(coarseRange, side.get(), edge);
        out.printf(Locale.ROOT, "[extend] log10(lambda) range [%.4f, %.4f]%n", ext.min(), ext.max());
        searchStage(Stage.EXTEND, StageStrategy.extension(space, ext, sampler, edge.trials(), seed));
        LambdaSearch.Range union = new LambdaSearch.Range(Math.min(coarseRange.min(), ext.min()),
                Math.max(coarseRange.max(), ext.max()));
        Candidate now = Candidates.best(candidates, replicated()).orElseThrow();
        EdgeGuard.check(now.log10Lambda(), union, edge.fraction()).ifPresent(s -> note(
                EdgeGuard.warning("coarse and extension", now.log10Lambda(), union, s, edge.fraction())));
    }

    /** A grid sweep: one stage over every combination of the space's choices. */
    private Optional<Candidate> runGrid() {
        List<Map<SpaceParam, Object>> points = StageStrategy.grid(space, config.run().network(), seed);
        out.println("[grid] " + points.size() + " points");
        searchStage(Stage.GRID, points);
        Optional<Candidate> best = Candidates.best(candidates, replicated());
        if (best.isPresent() && candidates.size() > 1) note(Candidates.verdict(candidates, replicated()));
        return best;
    }

    /**
     * A search stage as an ask/tell stream ({@link AdaptiveStage}): {@code n} trials at the proposer's points, in
     * full or by asynchronous successive halving; then its candidates table.
     */
    private void streamStage(Stage stage, int n, Proposer proposer) {
        AdaptiveStage adaptive = new AdaptiveStage(ctx, sweep.tpe().lag());
        List<TrialOutcome> outcomes = sweep.halving().isAsynchronous()
                ? adaptive.halving(stage, n, proposer, (i, p) -> spec(stage, i, p), sweep.halving(),
                space.dimensions().size())
                : adaptive.trials(stage, n, proposer, (i, p) -> spec(stage, i, p));
        addStage(stage, outcomes);
    }

    /** A search stage over the points: its scheduler's outcomes, then its candidates table. */
    private void searchStage(Stage stage, List<Map<SpaceParam, Object>> points) {
        if (sweep.halving().isAsynchronous()) {
            streamStage(stage, points.size(), Proposer.fixed(points));
            return;
        }
        List<TrialSpec> specs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) specs.add(spec(stage, i, points.get(i)));
        StageScheduler scheduler = sweep.halving().enabled() ? new HalvingScheduler(ctx, sweep.halving())
                : new StageScheduler.FullBudget(ctx, "");
        if (replicated()) scheduler = new ReplicaScheduler(scheduler, ctx, sweep.replicas(), sweep.replicasTopK(),
                seed, sweep.failTrials());
        addStage(stage, scheduler.run(stage, specs));
    }

    /** A finished stage's outcomes and candidates (also stored as the stage's candidates table). */
    private void addStage(Stage stage, List<TrialOutcome> outcomes) {
        List<Candidate> stageCandidates = Candidates.of(stage, outcomes);
        store.writeCandidates(ctx.sweepId, stage.label(), stageCandidates);
        trials.addAll(outcomes);
        candidates.addAll(stageCandidates);
    }

    /**
     * Trial {@code index} of a stage at a point: the base run with the point applied (a final trial trains
     * knet.sweep.final.cycles), the trial's seed, and log10(lambda) as the point has it (else the base's).
     */
    TrialSpec spec(Stage stage, int index, Map<SpaceParam, Object> point) {
        RunConfig base = config.run();
        RunConfig run = SearchSpace.apply(point, base);
        if (stage == Stage.FINAL) run = run.withTraining(run.training().withCycles(sweep.finalCycles()));
        run = run.withSeed(SeedPolicy.trialSeed(seed, stage, index));
        Object log10 = point.get(SpaceParam.LOG10_LAMBDA);
        double log10Lambda = (Double) (log10 != null ? log10
                : SpaceParam.LOG10_LAMBDA.valueIn(run.network(), run.training()));
        return new TrialSpec(ctx.sweepId, stage, index, log10Lambda, run, base.seed(),
                stage == Stage.FINAL || stage == Stage.GRID, config.hash(),
                sweep.failTrials().contains(TrialSpec.id(stage, index)))
                .withSaveModel(config.saveModels().saves(stage == Stage.FINAL));
    }

    /** The finished sweeps row: COMPLETE with the best candidate (and the test accuracy measured for it). */
    private SweepRecord finish(SweepRecord running, Optional<Candidate> best) {
        if (best.isEmpty()) return finished(running, SweepStatus.FAILED, null, Double.NaN, Double.NaN, Double.NaN);
        Candidate c = best.get();
        String tested = sweep.mode() == SweepConfig.Mode.GRID ? c.candidateId() : TrialSpec.id(Stage.FINAL, 0);
        double test = trials.stream().filter(t -> t.trialId().equals(tested)).findFirst()
                .map(TrialOutcome::testAccuracy).orElse(Double.NaN);
        SweepRecord done = finished(running, SweepStatus.COMPLETE, c.candidateId(), c.log10Lambda(), c.mean(), test);
        if (sweep.mode() == SweepConfig.Mode.GRID) return done;
        return done.withFinalTest(FinalStage.test(trials, config.finalStage().refit()));
    }

    private SweepRecord finished(SweepRecord r, SweepStatus status, String bestId, double bestLog10, double bestVal,
                                 double test) {
        return r.finished(status, TrialTask.now(), bestId, bestLog10, bestVal, test, String.join("\n", notes));
    }

    private boolean replicated() {
        return sweep.replicas() > 0;
    }

    private void note(String text) {
        out.println("note: " + text);
        notes.add(text);
    }
}
