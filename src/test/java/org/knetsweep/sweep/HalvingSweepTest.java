package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.model.SavedModels;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/**
 * Successive halving, replicas and the range-edge guard through the sweep driver, on synthetic data with trials run
 * in this JVM. The tiny training: 400 images, batch 20 (20 steps per epoch), n_s = 40, 2 cycles = 160 steps = 8
 * epochs; halving from half a cycle over 3 rungs: 40, 80 and 160 steps.
 */
class HalvingSweepTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() {
        data = SyntheticData.write(dir.resolve("in"), 100);
    }

    static final String[] HALVING = {"knet.training.step-size=40", "knet.training.cycles=2",
            "knet.sweep.coarse.trials=9", "knet.sweep.fine.trials=0", "knet.sweep.final.enabled=false",
            "knet.sweep.halving.enabled=true", "knet.sweep.halving.eta=3", "knet.sweep.halving.rungs=3",
            "knet.sweep.halving.min-budget=0.5"};

    static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    static SweepResult sweep(Path results, String id, SweepDriverTest.CountingRunner[] runnerOut,
                             String... sets) {
        return sweep(results, id, runnerOut, null, sets);
    }

    static SweepResult sweep(Path results, String id, SweepDriverTest.CountingRunner[] runnerOut,
                             java.util.function.Predicate<TrialSpec> crashOn, String... sets) {
        LoadedConfig cfg = ConfigLoader.load(null, SyntheticData.tinySweep(data, results, sets));
        ResultStore store = new ResultStore(cfg.sweep().resultsRoot(), Map.of());
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        SweepDriverTest.CountingRunner runner = new SweepDriverTest.CountingRunner(new LocalTrialRunner(store, SavedModels.sink(store), log)) {
            @Override
            public List<TrialSummary> run(Stage stage, List<TrialSpec> specs, StageProgress progress) {
                if (crashOn != null && specs.stream().anyMatch(crashOn)) throw new IllegalStateException("driver killed");
                return super.run(stage, specs, progress);
            }
        };
        if (runnerOut != null) runnerOut[0] = runner;
        return new SweepDriver(cfg, runner, store, log).run(id, "local", "app", "v");
    }

    @Test
    void halvingStopsTheWorstAndPromotedTrialsEndBitIdenticalToFullRuns() {
        Path results = dir.resolve("h1");
        SweepDriverTest.CountingRunner[] runner = new SweepDriverTest.CountingRunner[1];
        SweepResult r = sweep(results, "h", runner, HALVING);
        assertEquals(SweepStatus.COMPLETE, r.sweep().status());
        assertEquals(9 + 3 + 1, runner[0].ran.size(), "9 trials, then floor(9/3) = 3, then 1");
        ResultStore store = new ResultStore(results.toString());

        // promotions follow the rung rows: the best 3 at rung 0 by validation accuracy, then the best of those
        List<TrialOutcome> rungs = store.readRungs("h");
        List<TrialOutcome> rung0 = rungs.stream().filter(o -> o.rung() == 0).toList();
        List<TrialOutcome> rung1 = rungs.stream().filter(o -> o.rung() == 1).toList();
        List<TrialOutcome> rung2 = rungs.stream().filter(o -> o.rung() == 2).toList();
        assertEquals(9, rung0.size());
        assertEquals(3, rung1.size());
        assertEquals(1, rung2.size());
        assertEquals(top(rung0, 3), rung1.stream().map(TrialOutcome::trialId).toList());
        assertEquals(top(rung1, 1), rung2.stream().map(TrialOutcome::trialId).toList());
        assertTrue(rung0.stream().allMatch(o -> o.steps() == 40 && o.epochs() == 2 && o.epochCurve().isEmpty()));
        assertTrue(rung1.stream().allMatch(o -> o.steps() == 80 && o.epochs() == 4));

        // every trial keeps one row: 8 STOPPED with the rung they reached, 1 COMPLETE after the full budget
        assertEquals(9, r.trials().size());
        String winner = rung2.get(0).trialId();
        for (TrialOutcome t : r.trials()) {
            if (t.trialId().equals(winner)) {
                assertEquals(TrainingStatus.COMPLETE, t.status());
                assertEquals(2, t.rung());
                assertEquals(160, t.steps());
                assertEquals(8, t.epochCurve().size(), "the curve joins the three rungs' epochs");
            } else {
                assertEquals(TrainingStatus.STOPPED, t.status(), t.trialId());
                boolean second = rung1.stream().anyMatch(o -> o.trialId().equals(t.trialId()));
                assertEquals(second ? 1 : 0, t.rung(), t.trialId());
                assertEquals(second ? 80 : 40, t.steps());
                assertEquals(second ? 4 : 2, t.epochCurve().size(), "a stopped trial keeps its curve");
                assertTrue(t.error().contains("stopped by successive halving after rung " + t.rung()), t.error());
            }
        }
        assertEquals(winner, r.sweep().bestTrialId());
        String md = report(store, "h");
        assertTrue(md.contains("## Successive halving"), md);
        // 6 trials stopped after 40 steps, 2 after 80, 1 ran 160: 560 steps of 9 x 160
        assertTrue(md.contains("Training steps of these stages: 560, 38.9% of the 1440"), md);
        assertFalse(Files.exists(results.resolve("_checkpoints")), "checkpoints deleted, no empty _checkpoints left");

        // the same trials without halving: the promoted trial's result is the same, bit for bit
        SweepResult full = sweep(dir.resolve("h1-full"), "full", null, with(HALVING,
                "knet.sweep.halving.enabled=false"));
        TrialOutcome a = r.trials().stream().filter(t -> t.trialId().equals(winner)).findFirst().orElseThrow();
        TrialOutcome b = full.trials().stream().filter(t -> t.trialId().equals(winner)).findFirst().orElseThrow();
        assertEquals(b.epochCurve(), a.epochCurve());
        assertEquals(b.valAccuracy(), a.valAccuracy(), 0.0);
        assertEquals(b.valCost(), a.valCost(), 0.0);
        assertEquals(b.trainCost(), a.trainCost(), 0.0);
        // and a stopped trial's curve is the start of its full curve
        TrialOutcome stopped = r.trials().stream().filter(t -> t.status() == TrainingStatus.STOPPED).findFirst().orElseThrow();
        TrialOutcome stoppedFull = full.trials().stream().filter(t -> t.trialId().equals(stopped.trialId())).findFirst()
                .orElseThrow();
        assertEquals(stoppedFull.epochCurve().subList(0, stopped.epochCurve().size()), stopped.epochCurve());
    }

    /** The markdown of the sweep's report. */
    private static String report(ResultStore store, String sweepId) {
        try {
            var written = org.knetsweep.report.SweepReport.load(store, sweepId).write(dir.resolve("reports"));
            return Files.readString(written.markdown());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The ids of the best k rows by validation accuracy (ties: lower index), in trial order. */
    private static List<String> top(List<TrialOutcome> rows, int k) {
        return rows.stream().sorted(Comparator.comparingDouble(TrialOutcome::valAccuracy).reversed()
                        .thenComparingInt(TrialOutcome::trialIndex)).limit(k)
                .sorted(Comparator.comparingInt(TrialOutcome::trialIndex)).map(TrialOutcome::trialId).toList();
    }

    @Test
    void aDriverKilledBetweenRungsResumesFromTheStoredRungs() {
        SweepResult whole = sweep(dir.resolve("h2-whole"), "k", null, HALVING);
        Path results = dir.resolve("h2");
        assertThrows(IllegalStateException.class, () -> sweep(results, "k", null,
                s -> s.rung() != null && s.rung().index() == 2, HALVING));
        assertTrue(Files.exists(results.resolve("_checkpoints").resolve("sweep_id=k")), "rung 1 checkpoints kept");
        SweepDriverTest.CountingRunner[] runner = new SweepDriverTest.CountingRunner[1];
        SweepResult resumed = sweep(results, "k", runner, HALVING);
        assertEquals(List.of(whole.sweep().bestTrialId()), runner[0].ran, "only the last rung is trained again");
        SweepDriverTest.assertSameColumn(whole, resumed, TrialOutcome::status);
        SweepDriverTest.assertSameColumn(whole, resumed, TrialOutcome::epochCurve);
    }

    @Test
    void replicasGiveEachTopCandidateFreshSeedsAndTheChoiceUsesTheMean() {
        Path results = dir.resolve("h3");
        SweepResult r = sweep(results, "rep", null, "knet.sweep.coarse.trials=4", "knet.sweep.fine.trials=0",
                "knet.sweep.final.enabled=false", "knet.sweep.replicas=2", "knet.sweep.replicas-top-k=2");
        assertEquals(4 + 2 * 2, r.trials().size());
        List<TrialOutcome> firsts = r.trials().stream().filter(t -> t.replica() == 0).toList();
        List<String> top2 = LambdaSearch.ranked(firsts).stream().limit(2).map(TrialOutcome::trialId).toList();
        List<String> replicaIds = new ArrayList<>();
        for (String id : top2) for (int k = 1; k <= 2; k++) replicaIds.add(id + "-r" + k);
        assertEquals(replicaIds.stream().sorted().toList(), r.trials().stream().filter(t -> t.replica() > 0)
                .map(TrialOutcome::trialId).sorted().toList());
        for (TrialOutcome t : r.trials()) {
            if (t.replica() == 0) continue;
            TrialOutcome first = firsts.stream().filter(f -> f.trialIndex() == t.trialIndex()).findFirst().orElseThrow();
            assertEquals(first.log10Lambda(), t.log10Lambda(), 0.0);
            assertTrue(t.seed() != first.seed(), "a fresh seed");
        }

        List<Candidate> stored = new ResultStore(results.toString()).readCandidates("rep");
        assertEquals(4, stored.size());
        for (Candidate c : stored) {
            double[] vals = r.trials().stream().filter(t -> t.trialIndex() == c.trialIndex())
                    .mapToDouble(TrialOutcome::valAccuracy).toArray();
            assertEquals(vals.length, c.replicas());
            assertEquals(java.util.Arrays.stream(vals).average().orElseThrow(), c.mean(), 1e-12);
        }
        Candidate best = stored.stream().filter(c -> c.replicas() == 3)
                .max(Comparator.comparingDouble(Candidate::mean)).orElseThrow();
        assertEquals(best.candidateId(), r.sweep().bestTrialId());
        assertEquals(best.mean(), r.sweep().bestValAccuracy(), 1e-12);
        assertTrue(r.sweep().notes().contains("winner " + best.candidateId()), r.sweep().notes());
        String md = report(new ResultStore(results.toString()), "rep");
        assertTrue(md.contains("## Candidates and replicas"), md);
        assertTrue(md.contains("| coarse | " + best.candidateId()), md);
    }

    @Test
    void theEdgeGuardWarnsAndExtendsTheRangeOnTheBestsSide() {
        // log10(lambda) in [-1, 1.5]: heavy regularization stops learning, so the best is the lowest value (-0.14)
        String[] sets = {"knet.sweep.coarse.trials=4", "knet.sweep.coarse.log10-lambda-min=-1",
                "knet.sweep.coarse.log10-lambda-max=1.5", "knet.sweep.fine.trials=0", "knet.sweep.final.enabled=false",
                "knet.sweep.edge.fraction=0.35", "knet.sweep.edge.extend=true", "knet.sweep.edge.trials=2",
                "knet.sweep.edge.width=0.5"};
        SweepResult r = sweep(dir.resolve("h4"), "edge", null, sets);
        TrialOutcome bestCoarse = LambdaSearch.ranked(r.trials().stream().filter(t -> t.stage() == Stage.COARSE)
                .toList()).get(0);
        assertTrue(bestCoarse.log10Lambda() <= -1 + 0.35 * 2.5, "this setup puts the best at the lower edge: "
                + r.trials().stream().map(t -> t.log10Lambda() + ":" + t.valAccuracy()).toList());
        assertTrue(r.sweep().notes().contains("range edge: the best coarse log10(lambda)"), r.sweep().notes());
        assertTrue(r.sweep().notes().contains("lower 35%"), r.sweep().notes());
        List<TrialOutcome> ext = r.trials().stream().filter(t -> t.stage() == Stage.EXTEND).toList();
        assertEquals(2, ext.size());
        for (TrialOutcome t : ext) assertTrue(t.log10Lambda() >= -2.25 && t.log10Lambda() <= -1, t.toString());

        SweepResult warnOnly = sweep(dir.resolve("h5"), "edge", null, with(sets, "knet.sweep.edge.extend=false"));
        assertTrue(warnOnly.trials().stream().noneMatch(t -> t.stage() == Stage.EXTEND));
        assertTrue(warnOnly.sweep().notes().contains("set knet.sweep.edge.extend = true"), warnOnly.sweep().notes());
    }

    @Test
    void aGridSearchRunsAsSuccessiveHalvingToo() {
        SweepResult r = sweep(dir.resolve("h6"), "grid", null, with(HALVING, "knet.sweep.mode=grid",
                "knet.sweep.grid.batch-norm=[true, false]", "knet.sweep.grid.log10-lambda=[-4, -3, -2]"));
        assertEquals(6, r.trials().size());
        // 6 points -> floor(6 / 3) = 2 -> max(1, floor(2 / 3)) = 1
        assertEquals(List.of(4L, 1L), List.of(
                r.trials().stream().filter(t -> t.status() == TrainingStatus.STOPPED && t.rung() == 0).count(),
                r.trials().stream().filter(t -> t.status() == TrainingStatus.STOPPED && t.rung() == 1).count()));
        TrialOutcome best = r.trials().stream().filter(t -> t.status() == TrainingStatus.COMPLETE).findFirst()
                .orElseThrow();
        assertEquals(best.trialId(), r.sweep().bestTrialId());
        assertFalse(Double.isNaN(best.testAccuracy()), "the grid measures test accuracy at the full budget");
        assertTrue(r.trials().stream().filter(t -> t.status() == TrainingStatus.STOPPED)
                .allMatch(t -> Double.isNaN(t.testAccuracy())), "and only there");
        assertEquals(best.testAccuracy(), r.sweep().testAccuracy(), 0.0);
    }
}
