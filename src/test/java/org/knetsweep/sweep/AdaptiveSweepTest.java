package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.model.SavedModels;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/**
 * Adaptive stages end to end on synthetic data (trials in this JVM, no Spark): TPE, asynchronous successive halving
 * and both together give the same rows with one slot and with three, and after a driver killed mid-stage resumes.
 */
class AdaptiveSweepTest {
    @TempDir
    static Path dir;
    static Path data;

    static final String[] SPACE = {
            "knet.sweep.space.log10-lambda={type=uniform, min=-4, max=-1}",
            "knet.sweep.space.eta-max={type=log-uniform, min=0.01, max=0.2}",
            "knet.sweep.fine.trials=0", "knet.sweep.final.replicas=2"};
    static final String[] TPE = {"knet.sweep.sampler=tpe", "knet.sweep.coarse.trials=9",
            "knet.sweep.tpe.startup-trials=4", "knet.sweep.tpe.lag=2"};
    static final String[] ASHA = {"knet.sweep.halving.enabled=true", "knet.sweep.halving.asynchronous=true",
            "knet.sweep.halving.rungs=3", "knet.sweep.halving.eta=2", "knet.sweep.halving.min-budget=0.5",
            "knet.training.cycles=2", "knet.sweep.coarse.trials=8", "knet.sweep.tpe.lag=1"};

    @BeforeAll
    static void data() {
        data = SyntheticData.write(dir.resolve("in"), 100);
    }

    /** Runs trials on a local runner of {@code slots} threads; can stop the driver after {@code killAfter} starts. */
    static final class Runner implements TrialRunner {
        final LocalTrialRunner local;
        final int killAfter;
        final AtomicInteger started = new AtomicInteger();
        final List<CompletableFuture<TrialSummary>> jobs = new ArrayList<>();

        Runner(LocalTrialRunner local, int killAfter) {
            this.local = local;
            this.killAfter = killAfter;
        }

        @Override
        public int slots() {
            return local.slots();
        }

        @Override
        public List<TrialSummary> run(Stage stage, List<TrialSpec> specs, StageProgress progress) {
            started.addAndGet(specs.size());
            return local.run(stage, specs, progress);
        }

        @Override
        public synchronized CompletableFuture<TrialSummary> start(TrialSpec spec) {
            if (started.incrementAndGet() > killAfter) throw new KnetException("driver killed (test)");
            CompletableFuture<TrialSummary> job = local.start(spec);
            jobs.add(job);
            return job;
        }

        void awaitStarted() {
            List<CompletableFuture<TrialSummary>> copy;
            synchronized (this) {
                copy = List.copyOf(jobs);
            }
            copy.forEach(CompletableFuture::join);
        }
    }

    static SweepResult sweep(String root, String id, int slots, int killAfter, Runner[] out, String... extra) {
        List<String> sets = new ArrayList<>(List.of(SPACE));
        sets.addAll(List.of(extra));
        LoadedConfig cfg = ConfigLoader.load(null, SyntheticData.tinySweep(data, dir.resolve(root),
                sets.toArray(String[]::new)));
        ResultStore store = new ResultStore(cfg.sweep().resultsRoot(), Map.of());
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        Runner runner = new Runner(new LocalTrialRunner(store, SavedModels.sink(store), log, slots), killAfter);
        if (out != null) out[0] = runner;
        return new SweepDriver(cfg, runner, store, log).run(id, "local", "app", "v");
    }

    /**
     * The rows without what depends on timing or place (wall time, host, executor, attempt, timestamps) and the
     * configuration hash (it covers the results root, which differs between the runs compared).
     */
    static List<TrialOutcome> rows(SweepResult r) {
        return r.trials().stream().map(t -> t.toBuilder().wallMs(0).host("").executorId("").attempt(0)
                        .startedAt(null).finishedAt(null).configHash("").build())
                .sorted(Comparator.comparing(TrialOutcome::trialId)).toList();
    }

    static void sameRowsAtOneAndThreeSlots(String name, String... settings) {
        SweepResult one = sweep(name + "-1", "s", 1, Integer.MAX_VALUE, null, settings);
        SweepResult three = sweep(name + "-3", "s", 3, Integer.MAX_VALUE, null, settings);
        assertEquals(SweepStatus.COMPLETE, one.sweep().status());
        assertRows(rows(one), rows(three), name);
        assertEquals(one.sweep().bestTrialId(), three.sweep().bestTrialId());
    }

    @Test
    void tpeGivesTheSameRowsAtAnyParallelism() {
        sameRowsAtOneAndThreeSlots("tpe", TPE);
    }

    @Test
    void asynchronousHalvingGivesTheSameRowsAtAnyParallelism() {
        sameRowsAtOneAndThreeSlots("asha", ASHA);
    }

    @Test
    void tpeWithAsynchronousHalvingGivesTheSameRowsAtAnyParallelism() {
        List<String> both = new ArrayList<>(List.of(ASHA));
        both.addAll(List.of("knet.sweep.sampler=tpe", "knet.sweep.tpe.startup-trials=3"));
        sameRowsAtOneAndThreeSlots("both", both.toArray(String[]::new));
    }

    @Test
    void asynchronousHalvingWithRestartsEndsEveryLowerRungAtTheEndOfItsOwnCycleAndTrainsTheTopRungWhole() {
        String[] restarts = concat(ASHA, "knet.sweep.halving.restarts=true");
        sameRowsAtOneAndThreeSlots("asha-restarts", restarts);
        ResultStore store = new ResultStore(dir.resolve("asha-restarts-1").toString(), Map.of());
        List<TrialOutcome> rungs = store.readRungs("s");
        Map<String, Long> rungEnds = new java.util.HashMap<>();
        for (TrialOutcome o : rungs) rungEnds.put(o.trialId() + "/" + o.rung(), o.steps());
        int checked = 0;
        for (TrialOutcome o : rungs) {
            if (o.rung() == 2) continue; // the top rung: below
            long first = o.rung() == 0 ? 0 : rungEnds.get(o.trialId() + "/" + (o.rung() - 1));
            List<EpochMetrics> curve = store.readRung("s", o.trialId(), o.rung()).orElseThrow().epochCurve();
            EpochMetrics last = curve.get(curve.size() - 1);
            assertEquals(o.steps(), last.step(), o.trialId() + " rung " + o.rung());
            double expected = new org.knetsweep.train.TriangularClr(o.etaMin(), o.etaMax(), 1)
                    .restartAt(first, o.steps(), o.steps() - 1);
            assertEquals(expected, last.learningRate(), 1e-12, o.trialId() + " rung " + o.rung());
            checked++;
        }
        assertTrue(checked >= 10, checked + " rung rows");
        // the top rung trains the trial afresh on its own schedule: its row and curve are those of the same trial
        // (same point, same seed) in a sweep without halving, to the last bit; the rungs below are screening runs
        SweepResult whole = sweep("asha-restarts-whole", "s", 2, Integer.MAX_VALUE, null,
                concat(ASHA, "knet.sweep.halving.enabled=false", "knet.sweep.halving.asynchronous=false"));
        Map<String, TrialOutcome> plain = new java.util.HashMap<>();
        for (TrialOutcome t : rows(whole)) plain.put(t.trialId(), t);
        SweepResult halved = sweep("asha-restarts-1", "s", 1, Integer.MAX_VALUE, null, restarts); // resumed: stored rows
        int top = 0;
        for (TrialOutcome t : rows(halved)) {
            if (t.stage() != Stage.COARSE || t.rung() != 2) continue;
            TrialOutcome p = plain.get(t.trialId());
            assertEquals(p.valAccuracy(), t.valAccuracy(), t.trialId());
            assertEquals(p.steps(), t.steps(), t.trialId());
            assertEquals(p.epochCurve(), t.epochCurve(), t.trialId());
            assertEquals(1, t.epochCurve().get(0).epoch(), t.trialId());
            top++;
        }
        assertTrue(top >= 1, top + " trials at the top rung");
    }

    @Test
    void tpeProposesFromResultsAfterItsSobolStart() {
        SweepResult r = sweep("tpe-points", "s", 2, Integer.MAX_VALUE, null, TPE);
        List<TrialOutcome> coarse = r.trials().stream().filter(t -> t.stage() == Stage.COARSE)
                .sorted(Comparator.comparingInt(TrialOutcome::trialIndex)).toList();
        assertEquals(9, coarse.size());
        for (TrialOutcome t : coarse) {
            assertTrue(t.log10Lambda() >= -4 && t.log10Lambda() <= -1, t.toString());
            assertTrue(t.etaMax() >= 0.01 && t.etaMax() <= 0.2, t.toString());
        }
        // the same sweep with another seed proposes other points
        SweepResult other = sweep("tpe-points-seed", "s", 2, Integer.MAX_VALUE, null, concat(TPE, "knet.seed=7"));
        assertNotEquals(coarse.get(6).log10Lambda(), other.trials().stream()
                .filter(t -> t.trialId().equals("coarse-006")).findFirst().orElseThrow().log10Lambda());
    }

    @Test
    void asynchronousHalvingStopsTrialsBelowTheLastRungAndPromotesTheBest() {
        SweepResult r = sweep("asha-rows", "s", 2, Integer.MAX_VALUE, null, ASHA);
        List<TrialOutcome> coarse = r.trials().stream().filter(t -> t.stage() == Stage.COARSE).toList();
        assertEquals(8, coarse.size());
        long full = coarse.stream().filter(t -> t.status() == TrainingStatus.COMPLETE).count();
        long stopped = coarse.stream().filter(t -> t.status() == TrainingStatus.STOPPED).count();
        assertTrue(full >= 1 && stopped >= 4, "complete " + full + ", stopped " + stopped);
        for (TrialOutcome t : coarse) {
            if (t.status() == TrainingStatus.STOPPED) assertTrue(t.rung() < 2 && t.error().contains("asynchronous"));
            if (t.status() == TrainingStatus.COMPLETE) assertEquals(2, t.rung());
        }
        ResultStore store = new ResultStore(dir.resolve("asha-rows").toString(), Map.of());
        List<TrialOutcome> rung0 = store.readRungs("s").stream().filter(o -> o.rung() == 0).toList();
        assertEquals(8, rung0.size());
        // every trial that reached the last rung was the best of the rung-0 results visible when it was promoted;
        // the best rung-0 trial of all is promoted for sure
        TrialOutcome bestAtRung0 = rung0.stream().max(Comparator.comparingDouble(TrialOutcome::valAccuracy)
                .thenComparing(o -> -o.trialIndex())).orElseThrow();
        assertTrue(store.hasRung("s", bestAtRung0.trialId(), 1), bestAtRung0.trialId());
    }

    @Test
    void aDriverKilledMidStageResumesToTheSameRows() {
        for (String[] settings : List.of(TPE, ASHA)) {
            String name = settings == TPE ? "kill-tpe" : "kill-asha";
            SweepResult whole = sweep(name + "-whole", "s", 2, Integer.MAX_VALUE, null, settings);
            Runner[] killed = new Runner[1];
            assertThrows(KnetException.class, () -> sweep(name, "s", 2, 5, killed, settings));
            killed[0].awaitStarted();
            SweepResult resumed = sweep(name, "s", 1, Integer.MAX_VALUE, null, settings);
            assertRows(rows(whole), rows(resumed), name);
        }
    }

    @Test
    void theSearchSeedMovesThePointsButNotTheDataSplit() {
        SweepResult auto = sweep("seed-auto", "s", 2, Integer.MAX_VALUE, null, TPE);
        SweepResult same = sweep("seed-42", "s", 2, Integer.MAX_VALUE, null, concat(TPE, "knet.sweep.search-seed=42"));
        SweepResult other = sweep("seed-7", "s", 2, Integer.MAX_VALUE, null, concat(TPE, "knet.sweep.search-seed=7"));
        assertRows(rows(auto), rows(same), "search-seed 42 = knet.seed 42");
        TrialOutcome a = rows(auto).get(0);
        TrialOutcome b = rows(other).get(0);
        assertNotEquals(a.seed(), b.seed());
        assertNotEquals(a.log10Lambda(), b.log10Lambda());
        // the same data split: a seed-7 sweep with knet.seed 7 sees other validation images, so other accuracies
        SweepResult knetSeed7 = sweep("knet-7", "s", 2, Integer.MAX_VALUE, null, concat(TPE, "knet.seed=7"));
        assertEquals(b.seed(), rows(knetSeed7).get(0).seed());
        assertEquals(b.log10Lambda(), rows(knetSeed7).get(0).log10Lambda());
        assertNotEquals(b.epochCurve(), rows(knetSeed7).get(0).epochCurve());
    }

    @Test
    void badAdaptiveSettingsNameTheirKey() {
        assertKey("knet.sweep.tpe.lag", "knet.sweep.sampler=tpe", "knet.sweep.tpe.lag=-1");
        assertKey("knet.sweep.tpe.quantile", "knet.sweep.sampler=tpe", "knet.sweep.tpe.quantile=1.5");
        assertKey("knet.sweep.halving.rungs", "knet.sweep.halving.enabled=true",
                "knet.sweep.halving.asynchronous=true", "knet.sweep.halving.rungs=1");
        assertKey("knet.sweep.halving.asynchronous", "knet.sweep.halving.asynchronous=true");
        assertKey("knet.sweep.search-seed", "knet.sweep.search-seed=soon");
        assertKey("knet.sweep.space", "knet.sweep.sampler=tpe", "knet.sweep.space={hidden={type=choice, "
                + "values=[[10]]}}");
    }

    /** Equal rows, or a message naming the first row that differs. */
    static void assertRows(List<TrialOutcome> expected, List<TrialOutcome> actual, String what) {
        assertEquals(expected.stream().map(TrialOutcome::trialId).toList(),
                actual.stream().map(TrialOutcome::trialId).toList(), what);
        for (int i = 0; i < expected.size(); i++)
            assertEquals(expected.get(i), actual.get(i), what + ": " + expected.get(i).trialId());
    }

    private static void assertKey(String key, String... sets) {
        KnetException e = assertThrows(KnetException.class, () -> ConfigLoader.load(null,
                SyntheticData.tinySweep(data, dir.resolve("bad"), sets)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        return out.toArray(String[]::new);
    }
}
