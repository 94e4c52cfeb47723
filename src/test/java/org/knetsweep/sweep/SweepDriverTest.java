package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.model.SavedModels;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/** The lambda search end to end on synthetic data, with trials run in this JVM (no Spark). */
class SweepDriverTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() {
        data = SyntheticData.write(dir.resolve("in"), 100);
    }

    /** Counts what the driver hands to the runner. */
    static class CountingRunner implements TrialRunner {
        final TrialRunner inner;
        final List<String> ran = new ArrayList<>();

        CountingRunner(TrialRunner inner) {
            this.inner = inner;
        }

        @Override
        public int slots() {
            return 1;
        }

        @Override
        public List<TrialSummary> run(Stage stage, List<TrialSpec> specs, StageProgress progress) {
            specs.forEach(s -> ran.add(s.trialId()));
            return inner.run(stage, specs, progress);
        }

        @Override
        public java.util.concurrent.CompletableFuture<TrialSummary> start(TrialSpec spec) {
            synchronized (ran) {
                ran.add(spec.trialId());
            }
            return inner.start(spec);
        }
    }

    static SweepResult sweep(Path results, String id, CountingRunner[] runnerOut, String... extra) {
        LoadedConfig cfg = ConfigLoader.load(null, SyntheticData.tinySweep(data, results, extra));
        ResultStore store = new ResultStore(cfg.sweep().resultsRoot(), Map.of());
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        CountingRunner runner = new CountingRunner(new LocalTrialRunner(store, SavedModels.sink(store), log));
        if (runnerOut != null) runnerOut[0] = runner;
        return new SweepDriver(cfg, runner, store, log).run(id, "local", "app", "v");
    }

    @Test
    void coarseFineAndFinalStagesAreStoredWithAFailedTrialRecorded() {
        Path results = dir.resolve("r1");
        CountingRunner[] runner = new CountingRunner[1];
        SweepResult r = sweep(results, "s1", runner, "knet.sweep.fail-trials=[\"coarse-001\"]");
        assertEquals(SweepStatus.COMPLETE, r.sweep().status());
        assertEquals(8, r.trials().size());
        assertEquals(8, runner[0].ran.size());
        TrialOutcome failed = r.trials().stream().filter(t -> t.trialId().equals("coarse-001")).findFirst().orElseThrow();
        assertEquals(TrainingStatus.FAILED, failed.status());
        assertTrue(failed.error().contains("injected failure"), failed.error());

        List<TrialOutcome> coarse = r.trials().stream().filter(t -> t.stage() == Stage.COARSE).toList();
        List<TrialOutcome> ranked = LambdaSearch.ranked(coarse);
        double best = ranked.get(0).log10Lambda();
        double d = Math.max(Math.abs(best - ranked.get(1).log10Lambda()), 0.05);
        for (TrialOutcome t : r.trials()) {
            if (t.stage() == Stage.FINE) assertTrue(Math.abs(t.log10Lambda() - best) <= d + 1e-12, t.toString());
        }
        TrialOutcome fin = r.trials().stream().filter(t -> t.stage() == Stage.FINAL).findFirst().orElseThrow();
        TrialOutcome bestSearch = LambdaSearch.best(r.trials().stream().filter(t -> t.stage() != Stage.FINAL).toList())
                .orElseThrow();
        assertEquals(bestSearch.log10Lambda(), fin.log10Lambda(), 0.0);
        assertEquals(2, fin.cycles());
        assertTrue(fin.testAccuracy() > 0.5, "test accuracy " + fin.testAccuracy());
        assertTrue(Double.isNaN(coarse.get(0).testAccuracy()));
        assertEquals(fin.epochs(), fin.epochCurve().size());
        assertEquals(bestSearch.trialId(), r.sweep().bestTrialId());
        assertEquals(fin.testAccuracy(), r.sweep().testAccuracy(), 0.0);
    }

    @Test
    void aRerunWithTheSameSweepIdRetrainsNothing() {
        Path results = dir.resolve("r2");
        SweepResult first = sweep(results, "s2", null);
        CountingRunner[] runner = new CountingRunner[1];
        SweepResult again = sweep(results, "s2", runner);
        assertEquals(List.of(), runner[0].ran);
        assertEquals(first.trials(), again.trials());
        assertEquals(first.sweep().startedAt(), again.sweep().startedAt());
    }

    @Test
    void aResumedSweepTrainsOnlyWhatIsMissing() {
        Path results = dir.resolve("r3");
        SweepResult first = sweep(results, "s3", null);
        ResultStore store = new ResultStore(results.toString(), Map.of());
        // simulate a run killed after the coarse stage: remove the later trials' rows
        Path trials = results.resolve("trials").resolve("sweep_id=s3");
        for (TrialOutcome t : first.trials()) {
            if (t.stage() != Stage.COARSE) assertTrue(trials.resolve("trial-" + t.trialId() + ".parquet").toFile().delete());
        }
        assertEquals(4, store.readTrials("s3").size());
        CountingRunner[] runner = new CountingRunner[1];
        SweepResult again = sweep(results, "s3", runner);
        assertEquals(List.of("fine-000", "fine-001", "fine-002", "final-000"), runner[0].ran);
        assertSameColumn(first, again, TrialOutcome::log10Lambda);
        assertSameColumn(first, again, TrialOutcome::valAccuracy);
    }

    @Test
    void twoSweepsWithTheSameSeedAreIdentical() {
        SweepResult a = sweep(dir.resolve("r4"), "a", null);
        SweepResult b = sweep(dir.resolve("r4"), "b", null);
        assertSameColumn(a, b, TrialOutcome::log10Lambda);
        assertSameColumn(a, b, TrialOutcome::valAccuracy);
        assertSameColumn(a, b, TrialOutcome::epochCurve);
    }

    @Test
    void resumingWithAnotherConfigurationIsRefused() {
        Path results = dir.resolve("r5");
        sweep(results, "s5", null, "knet.sweep.fine.trials=0", "knet.sweep.final.enabled=false");
        KnetException e = assertThrows(KnetException.class, () -> sweep(results, "s5", null,
                "knet.sweep.fine.trials=0", "knet.sweep.final.enabled=false", "knet.training.lambda=0.1"));
        assertTrue(e.getMessage().contains("different configuration"), e.getMessage());
    }

    @Test
    void aDivergingTrialIsRecordedAsDiverged() {
        Path results = dir.resolve("r6");
        SweepResult r = sweep(results, "s6", null, "knet.sweep.coarse.log10-lambda-min=3",
                "knet.sweep.coarse.log10-lambda-max=4", "knet.sweep.coarse.trials=2", "knet.sweep.fine.trials=0",
                "knet.network.batch-norm=false");
        assertTrue(r.trials().stream().allMatch(t -> t.status() == TrainingStatus.DIVERGED), r.trials().toString());
        assertEquals(SweepStatus.FAILED, r.sweep().status());
    }

    @Test
    void aGridSweepRunsEveryPointWithItsSettings() {
        SweepResult r = sweep(dir.resolve("r7"), "g", null, "knet.sweep.mode=grid",
                "knet.sweep.grid.batch-norm=[true, false]", "knet.sweep.grid.init=[normal]",
                "knet.sweep.grid.init-sigma=[0.1, 1e-4]");
        assertEquals(SweepStatus.COMPLETE, r.sweep().status());
        assertEquals(List.of("grid-000", "grid-001", "grid-002", "grid-003"),
                r.trials().stream().map(TrialOutcome::trialId).toList());
        assertEquals(List.of(true, true, false, false), r.trials().stream().map(TrialOutcome::batchNorm).toList());
        assertEquals(List.of(0.1, 1e-4, 0.1, 1e-4), r.trials().stream().map(TrialOutcome::initSigma).toList());
        assertTrue(r.trials().stream().allMatch(t -> t.stage() == Stage.GRID && t.init().equals("normal")
                && !Double.isNaN(t.testAccuracy())));
        TrialOutcome best = LambdaSearch.best(r.trials()).orElseThrow();
        assertEquals(best.trialId(), r.sweep().bestTrialId());
        assertEquals(best.testAccuracy(), r.sweep().testAccuracy(), 0.0);
        // the report's finding on this synthetic problem: with batch norm a tiny sigma still trains, without it not
        TrialOutcome bnTiny = r.trials().get(1);
        TrialOutcome plainTiny = r.trials().get(3);
        assertTrue(plainTiny.valAccuracy() < 0.3, "no bn, sigma 1e-4: " + plainTiny.valAccuracy());
        assertTrue(bnTiny.valAccuracy() > plainTiny.valAccuracy() + 0.1, "bn, sigma 1e-4: " + bnTiny.valAccuracy());
    }

    /** The two sweeps' trials agree, in order, on one column. */
    static <T> void assertSameColumn(SweepResult a, SweepResult b,
                                     java.util.function.Function<TrialOutcome, T> column) {
        assertEquals(a.trials().stream().map(column).toList(), b.trials().stream().map(column).toList());
    }
}
