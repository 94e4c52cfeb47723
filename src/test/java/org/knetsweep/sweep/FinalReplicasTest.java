package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.FinalStageConfig;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.model.SavedModels;
import org.knetsweep.results.ModelFiles;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.FinalTest;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/** knet.sweep.final.replicas and knet.sweep.final.refit on a tiny synthetic sweep run in this JVM. */
class FinalReplicasTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() {
        data = SyntheticData.write(dir.resolve("in"), 100);
    }

    /** The in-JVM runner, reporting {@code slots} task slots (what "auto" reads). */
    private record Slots(LocalTrialRunner local, int slots) implements TrialRunner {
        @Override
        public List<TrialSummary> run(Stage stage, List<TrialSpec> specs, StageProgress progress) {
            return local.run(stage, specs, progress);
        }

        @Override
        public java.util.concurrent.CompletableFuture<TrialSummary> start(TrialSpec spec) {
            return local.start(spec);
        }
    }

    private static SweepResult sweep(Path results, String id, int slots, String... extra) {
        LoadedConfig cfg = ConfigLoader.load(null, SyntheticData.tinySweep(data, results, extra));
        ResultStore store = new ResultStore(cfg.sweep().resultsRoot(), Map.of());
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        return new SweepDriver(cfg, new Slots(new LocalTrialRunner(store, SavedModels.sink(store), log), slots), store, log)
                .run(id, "local", "app", "v");
    }

    private static List<TrialOutcome> finals(SweepResult r) {
        return r.trials().stream().filter(t -> t.stage() == Stage.FINAL).toList();
    }

    private static TrialOutcome trial(SweepResult r, String id) {
        return r.trials().stream().filter(t -> t.trialId().equals(id)).findFirst().orElseThrow();
    }

    /** The measured content of a trial (not its timings or executor). */
    private static List<Object> measured(TrialOutcome t) {
        return List.of(t.seed(), t.steps(), t.epochs(), t.valAccuracy(), t.valCost(), t.trainAccuracy(),
                t.testAccuracy(), t.replica(), t.status(), t.epochCurve());
    }

    @Test
    void autoOnTwoSlotsRunsTwoSeedsAndLeavesFinal000AsASingleRunHasIt() {
        SweepResult one = sweep(dir.resolve("one"), "one", 2, "knet.sweep.final.replicas=1");
        SweepResult auto = sweep(dir.resolve("auto"), "auto", 2);
        assertEquals(List.of("final-000"), finals(one).stream().map(TrialOutcome::trialId).toList());
        assertEquals(List.of("final-000", "final-000-r1"), finals(auto).stream().map(TrialOutcome::trialId).toList());
        assertEquals(measured(trial(one, "final-000")), measured(trial(auto, "final-000")));
        for (TrialOutcome t : one.trials())
            if (t.stage() != Stage.FINAL) assertEquals(measured(t), measured(trial(auto, t.trialId())), t.trialId());
        TrialOutcome r1 = trial(auto, "final-000-r1");
        assertEquals(1, r1.replica());
        assertNotEquals(trial(auto, "final-000").seed(), r1.seed());
        assertEquals(SeedPolicy.replicaSeed(42, Stage.FINAL, 0, 1), r1.seed());
        assertEquals(trial(auto, "final-000").log10Lambda(), r1.log10Lambda(), 0.0);
        // the sweeps row: test_accuracy stays final-000's, the statistics cover both seeds
        SweepRecord row = new ResultStore(dir.resolve("auto").toString()).readSweep("auto").orElseThrow();
        assertEquals(trial(auto, "final-000").testAccuracy(), row.testAccuracy(), 0.0);
        assertEquals(one.sweep().testAccuracy(), row.testAccuracy(), 0.0);
        FinalTest f = row.finalTest();
        assertEquals(2, f.replicas());
        double[] v = {trial(auto, "final-000").testAccuracy(), r1.testAccuracy()};
        ReplicaStats.Summary s = ReplicaStats.of(v);
        assertEquals(s.mean(), f.mean(), 0.0);
        assertEquals(s.sd(), f.sd(), 0.0);
        assertEquals(s.ciLow(), f.ciLow(), 0.0);
        assertEquals(s.ciHigh(), f.ciHigh(), 0.0);
        assertTrue(f.ciLow() <= f.mean() && f.mean() <= f.ciHigh());
        assertEquals("train", f.refit());
        // one seed: mean is that seed's, no interval
        FinalTest single = new ResultStore(dir.resolve("one").toString()).readSweep("one").orElseThrow().finalTest();
        assertEquals(1, single.replicas());
        assertEquals(one.sweep().testAccuracy(), single.mean(), 0.0);
        assertTrue(Double.isNaN(single.sd()));
        // save-models = final keeps the first seed's network only
        assertEquals(List.of("final-000"), new ModelFiles(new ResultStore(dir.resolve("auto").toString()))
                .readRows("auto").stream().map(ModelFiles.Row::trialId).toList());
    }

    @Test
    void anIntegerSetsTheReplicasAndAllSavesEveryFinalNetwork() {
        SweepResult r = sweep(dir.resolve("three"), "three", 1, "knet.sweep.final.replicas=3",
                "knet.sweep.fine.trials=0", "knet.sweep.save-models=all");
        assertEquals(List.of("final-000", "final-000-r1", "final-000-r2"),
                finals(r).stream().map(TrialOutcome::trialId).toList());
        assertEquals(3, finals(r).stream().map(TrialOutcome::seed).distinct().count());
        assertEquals(3, r.sweep().finalTest().replicas());
        List<String> saved = new ModelFiles(new ResultStore(dir.resolve("three").toString())).readRows("three")
                .stream().map(ModelFiles.Row::trialId).filter(id -> id.startsWith("final")).toList();
        assertEquals(List.of("final-000", "final-000-r1", "final-000-r2"), saved);
        // auto is capped at 5 and never below 1
        assertEquals(5, FinalStageConfig.DEFAULT.replicasFor(64));
        assertEquals(1, FinalStageConfig.DEFAULT.replicasFor(0));
        assertEquals(4, new FinalStageConfig(4, FinalStageConfig.Refit.TRAIN).replicasFor(64));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        for (String bad : List.of("0", "-1", "many", "2.5", "\"\"")) {
            KnetException e = assertThrows(KnetException.class, () -> ConfigLoader.load(null,
                    SyntheticData.tinySweep(data, dir.resolve("bad"), "knet.sweep.final.replicas=" + bad)), bad);
            assertTrue(e.getMessage().startsWith("invalid value for knet.sweep.final.replicas: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(expected auto or an integer >= 1)"), e.getMessage());
        }
        KnetException e = assertThrows(KnetException.class, () -> ConfigLoader.load(null,
                SyntheticData.tinySweep(data, dir.resolve("bad"), "knet.sweep.final.refit=validation")));
        assertEquals("invalid value for knet.sweep.final.refit: validation (expected train or train+validation)",
                e.getMessage());
    }

    @Test
    void theDefaultsLeaveTheRenderedConfigurationAsBefore() {
        LoadedConfig plain = ConfigLoader.load(null, SyntheticData.tinySweep(data, dir.resolve("r")));
        LoadedConfig explicit = ConfigLoader.load(null, SyntheticData.tinySweep(data, dir.resolve("r"),
                "knet.sweep.final.replicas=auto", "knet.sweep.final.refit=train"));
        assertEquals(plain.rendered(), explicit.rendered());
        assertTrue(!plain.rendered().contains("replicas = \"auto\"") && !plain.rendered().contains("refit"));
        LoadedConfig set = ConfigLoader.load(null, SyntheticData.tinySweep(data, dir.resolve("r"),
                "knet.sweep.final.replicas=2", "knet.sweep.final.refit=\"train+validation\""));
        assertNotEquals(plain.hash(), set.hash());
        assertEquals(new FinalStageConfig(2, FinalStageConfig.Refit.TRAIN_VALIDATION), set.finalStage());
    }

    @Test
    void refitOnTrainPlusValidationTrainsOnMoreImages() {
        // step-size 0 = 5 x training images / batch size, so the steps count the training images
        SweepResult train = sweep(dir.resolve("train"), "train", 1, "knet.training.step-size=0",
                "knet.sweep.fine.trials=0", "knet.sweep.final.replicas=1");
        SweepResult refit = sweep(dir.resolve("refit"), "refit", 1, "knet.training.step-size=0",
                "knet.sweep.fine.trials=0", "knet.sweep.final.replicas=1",
                "knet.sweep.final.refit=\"train+validation\"");
        // 400 training images: n_s = 5 * 400 / 20 = 100, 2 cycles = 400 steps; with the 100 validation images 500
        assertEquals(400, trial(train, "final-000").steps());
        assertEquals(500, trial(refit, "final-000").steps());
        for (TrialOutcome t : train.trials())
            if (t.stage() != Stage.FINAL) assertEquals(measured(t), measured(trial(refit, t.trialId())), t.trialId());
        assertEquals("train", train.sweep().finalTest().refit());
        assertEquals("train+validation", refit.sweep().finalTest().refit());
        assertEquals("train+validation", new ResultStore(dir.resolve("refit").toString()).readSweep("refit")
                .orElseThrow().finalTest().refit());
        assertTrue(Arrays.stream(new double[]{trial(refit, "final-000").testAccuracy()}).allMatch(Double::isFinite));
    }
}
