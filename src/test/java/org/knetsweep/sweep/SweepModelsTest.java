package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.data.Cifar10Loader;
import org.knetsweep.data.DataSplit;
import org.knetsweep.model.ModelEvaluation;
import org.knetsweep.model.SavedModels;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.results.ModelFiles;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/** knet.sweep.save-models on a tiny synthetic sweep run in this JVM: what is saved, and a resume after a kill. */
class SweepModelsTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() {
        data = SyntheticData.write(dir.resolve("in"), 100);
    }

    private static SweepResult sweep(Path results, String id, String... extra) {
        LoadedConfig cfg = ConfigLoader.load(null, SyntheticData.tinySweep(data, results, extra));
        ResultStore store = new ResultStore(cfg.sweep().resultsRoot(), Map.of());
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        return new SweepDriver(cfg, new LocalTrialRunner(store, SavedModels.sink(store), log), store, log).run(id, "local", "app", "v");
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".crc")).toList();
        }
    }

    @Test
    void theFinalModelIsSavedAndEvaluatesToTheSweepsTestAccuracy() throws IOException {
        Path results = dir.resolve("final");
        SweepResult r = sweep(results, "s1");
        ResultStore store = new ResultStore(results.toString());
        List<ModelFiles.Row> rows = new ModelFiles(store).readRows("s1");
        assertEquals(1, rows.size());
        ModelFiles.Row row = rows.get(0);
        assertEquals("final-000", row.trialId());
        assertEquals(r.sweep().testAccuracy(), row.testAccuracy(), 0.0);
        assertEquals(1, row.formatVersion());
        assertTrue(row.path().endsWith("/model-files/sweep_id=s1/final-000"), row.path());

        TrainedModel model = SavedModels.resolve("s1", store);
        LoadedConfig cfg = ConfigLoader.load(null, SyntheticData.tinySweep(data, results));
        DataSplit split = Cifar10Loader.load(cfg.run().data(), cfg.run().seed(), null);
        assertEquals(r.sweep().testAccuracy(), ModelEvaluation.of(model, split.test()).metrics().accuracy(), 0.0);
        assertEquals(row.bytes(), files(results.resolve("model-files")).stream().mapToLong(p -> p.toFile().length()).sum());
        assertFalse(Files.exists(results.resolve("_staging")), "a completed sweep leaves no staging folder");
        // the same model by trial id and by folder
        assertTrue(SavedModels.resolve("s1/final-000", store).state().sameAs(model.state()));
        assertTrue(SavedModels.read(row.path(), Map.of()).state().sameAs(model.state()));
    }

    @Test
    void allSavesEveryCompletedTrialAndNoneSavesNothing() {
        Path all = dir.resolve("all");
        SweepResult r = sweep(all, "s2", "knet.sweep.save-models=all", "knet.sweep.fail-trials=[\"coarse-001\"]");
        List<String> completed = r.trials().stream().filter(t -> t.status() == TrainingStatus.COMPLETE)
                .map(TrialOutcome::trialId).sorted().toList();
        assertEquals(7, completed.size());
        assertEquals(completed, new ModelFiles(new ResultStore(all.toString())).readRows("s2").stream()
                .map(ModelFiles.Row::trialId).toList());

        Path none = dir.resolve("none");
        sweep(none, "s3", "knet.sweep.save-models=none");
        assertEquals(List.of(), new ModelFiles(new ResultStore(none.toString())).readRows("s3"));
        assertFalse(Files.exists(none.resolve("model-files")));
    }

    @Test
    void aResumeAfterAKillInTheFinalStageLeavesOneModelAndNoStagingFiles() throws IOException {
        Path results = dir.resolve("killed");
        sweep(results, "s4");
        Path model = results.resolve("model-files/sweep_id=s4/final-000");
        byte[] w1 = Files.readAllBytes(model.resolve("W1.bin"));
        // as if the driver died after the model was renamed into place but before the final trial's row, while a
        // second attempt was writing its staging copy
        Files.delete(results.resolve("trials/sweep_id=s4/trial-final-000.parquet"));
        Path partial = results.resolve("_staging/sweep_id=s4/model-final-000.1234/W1.bin");
        Files.createDirectories(partial.getParent());
        Files.write(partial, new byte[10]);

        SweepResult r = sweep(results, "s4");
        assertEquals(SweepStatus.COMPLETE, r.sweep().status());
        assertFalse(Files.exists(results.resolve("_staging")), "no staging file and no empty folder");
        try (Stream<Path> s = Files.list(results.resolve("model-files/sweep_id=s4"))) {
            assertEquals(List.of(model), s.toList());
        }
        assertTrue(java.util.Arrays.equals(w1, Files.readAllBytes(model.resolve("W1.bin"))));
        assertEquals(1, new ModelFiles(new ResultStore(results.toString())).readRows("s4").size());
        assertEquals(r.sweep().testAccuracy(),
                new ModelFiles(new ResultStore(results.toString())).readRows("s4").get(0).testAccuracy(), 0.0);
    }
}
