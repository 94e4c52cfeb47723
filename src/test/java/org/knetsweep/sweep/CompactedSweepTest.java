package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.model.SavedModels;
import org.knetsweep.results.Compaction;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/** Sweeps whose files were compacted: a rerun finds every stored trial, a resumed one adds the missing trials. */
class CompactedSweepTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() {
        data = SyntheticData.write(dir.resolve("in"), 100);
    }

    private static SweepResult sweep(Path results, String id, SweepDriverTest.CountingRunner[] runnerOut,
                                            Predicate<TrialSpec> crashOn, String... sets) {
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

    private static long files(Path results, String table, String sweepId) throws IOException {
        Path p = results.resolve(table).resolve("sweep_id=" + sweepId);
        if (!Files.isDirectory(p)) return 0;
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(f -> f.toString().endsWith(".parquet") && !f.getFileName().toString().startsWith("."))
                    .count();
        }
    }

    @Test
    void aRerunAfterCompactionRetrainsNothing() throws IOException {
        Path results = dir.resolve("rerun");
        SweepResult first = sweep(results, "c1", null, null);
        ResultStore store = new ResultStore(results.toString(), Map.of());
        store.compact("c1");
        for (String t : List.of("trials", "epochs")) assertEquals(1, files(results, t, "c1"), t);
        SweepDriverTest.CountingRunner[] runner = new SweepDriverTest.CountingRunner[1];
        SweepResult again = sweep(results, "c1", runner, null);
        assertEquals(List.of(), runner[0].ran);
        assertEquals(first.trials(), again.trials());
        assertEquals(first.candidates().size(), again.candidates().size());
    }

    @Test
    void aHalvingSweepKilledCompactedAndResumedEndsAsAWholeOne() throws IOException {
        String[] halving = HalvingSweepTest.HALVING;
        Path results = dir.resolve("halving");
        SweepResult whole = sweep(results, "whole", null, null, halving);
        assertThrows(IllegalStateException.class, () -> sweep(results, "h", null,
                s -> s.rung() != null && s.rung().index() == 2, halving));
        ResultStore store = new ResultStore(results.toString(), Map.of());
        List<Compaction.TableResult> done = store.compact("h");
        assertTrue(done.stream().allMatch(t -> t.filesAfter() == 1), done.toString());
        SweepDriverTest.CountingRunner[] runner = new SweepDriverTest.CountingRunner[1];
        SweepResult resumed = sweep(results, "h", runner, null, halving);
        assertTrue(!runner[0].ran.isEmpty() && runner[0].ran.size() < 9, runner[0].ran.toString());
        SweepDriverTest.assertSameColumn(whole, resumed, TrialOutcome::trialId);
        SweepDriverTest.assertSameColumn(whole, resumed, TrialOutcome::status);
        SweepDriverTest.assertSameColumn(whole, resumed, TrialOutcome::valAccuracy);
        SweepDriverTest.assertSameColumn(whole, resumed, TrialOutcome::epochCurve);
        assertEquals(whole.sweep().bestTrialId(), resumed.sweep().bestTrialId());
        store.compact("h");
        for (String t : List.of("trials", "epochs", "rungs")) assertEquals(1, files(results, t, "h"), t);
        assertEquals(resumed.trials(), store.readTrials("h"));
    }
}
