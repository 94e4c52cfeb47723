package org.knetsweep.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.SweepStatus;

/** Reading the tables as they stand: per-trial files of a running sweep, compacted files, and both at once. */
class SweepDataTest {
    @TempDir
    Path dir;

    private SweepData data(Path tables) {
        return new SweepData(new ResultsReader(tables.toString(), Map.of()), new ReportFiles(dir.resolve("reports")),
                () -> DashboardSweeps.T0.toEpochMilli() + 600_000);
    }

    @Test
    void aRunningSweepIsReadFromItsPerTrialFilesAndEachNewTrialAppears() {
        Path tables = dir.resolve("tables");
        ResultStore store = new ResultStore(tables.toString());
        DashboardSweeps.write(store, "live", "lambda-search", 3, 4, SweepStatus.RUNNING);
        SweepData data = data(tables);
        SweepSummary s = data.summary("live");
        assertEquals("RUNNING", s.status());
        assertEquals(3, s.done());
        assertEquals(6, s.planned()); // 3 coarse + 3 final replicas
        assertEquals(600_000L, s.wallMs()); // now minus start, while running
        String hash = DashboardSweeps.config(3).hash();
        store.writeTrial(DashboardSweeps.coarse("live", 3, 3, 4, hash));
        assertEquals(4, data.summary("live").done());
        String json = new String(data.sweepJson("live"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"coarse-0003\""), json);
        assertTrue(json.contains("\"done\":4,\"planned\":6"), json);
    }

    @Test
    void compactedAndPerTrialFilesCountOnceEach() throws Exception {
        Path tables = dir.resolve("tables");
        ResultStore store = new ResultStore(tables.toString());
        DashboardSweeps.write(store, "c", "lambda-search", 6, 4, SweepStatus.RUNNING);
        SweepData data = data(tables);
        String before = new String(data.sweepJson("c"), StandardCharsets.UTF_8);
        store.compact("c");
        try (Stream<Path> files = Files.list(tables.resolve("trials").resolve("sweep_id=c"))) {
            assertEquals(List.of("compacted.parquet"), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).toList());
        }
        String after = new String(data.sweepJson("c"), StandardCharsets.UTF_8);
        assertEquals(before, after, "the same rows after a compaction");
        // a resumed sweep: new per-trial files beside the compacted one
        String hash = DashboardSweeps.config(6).hash();
        store.writeTrial(DashboardSweeps.coarse("c", 6, 6, 4, hash));
        store.writeTrial(DashboardSweeps.coarse("c", 7, 6, 4, hash));
        SweepSummary s = data.summary("c");
        assertEquals(8, s.done());
        String curves = new String(data.curvesJson("c", List.of("coarse-0002", "coarse-0007")), StandardCharsets.UTF_8);
        assertTrue(curves.contains("\"coarse-0002\":{\"epoch\":[1,2,3,4]"), curves);
        assertTrue(curves.contains("\"coarse-0007\":{\"epoch\":[1,2,3,4]"), curves);
    }

    @Test
    void anUnchangedSweepIsNotRebuilt() {
        Path tables = dir.resolve("tables");
        ResultStore store = new ResultStore(tables.toString());
        DashboardSweeps.write(store, "done", "x", 5, 3, SweepStatus.COMPLETE);
        ResultsReader reader = new ResultsReader(tables.toString(), Map.of());
        ResultsReader.TableRows first = reader.trials("done");
        ResultsReader.TableRows second = reader.trials("done");
        assertEquals(first.signature(), second.signature());
        assertSame(first.rows().get(0).values(), second.rows().get(0).values(), "rows of an unchanged file: cached");
        store.writeTrial(DashboardSweeps.coarse("done", 5, 5, 3, "h"));
        assertTrue(reader.trials("done").signature() != first.signature());
        assertEquals(List.of("done"), reader.sweepIds());
    }

    @Test
    void concurrentColdReadsAllSeeEveryTrial() throws Exception {
        Path tables = dir.resolve("tables");
        ResultStore store = new ResultStore(tables.toString());
        DashboardSweeps.write(store, "many", "x", 300, 3, SweepStatus.RUNNING);
        for (int round = 0; round < 3; round++) {
            SweepData data = data(tables);
            List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
            for (int i = 0; i < 6; i++) done.add(pool.submit(() -> data.summary("many").done()));
            for (var f : done) assertEquals(300, f.get());
            pool.shutdown();
        }
    }

    @Test
    void plannedTrialsFromTheStoredConfiguration() {
        assertEquals(OptionalInt.of(10 + 10 + 1), PlannedTrials.of(ConfigLoader.load(null, List.of()).rendered(), null));
        assertEquals(OptionalInt.of(7 + 0 + 3), PlannedTrials.of(DashboardSweeps.config(7).rendered(), null));
        assertEquals(OptionalInt.of(4 + 4 + 5 + 2 * 3 * 2 + 2), PlannedTrials.of(
                "knet.sweep { coarse.trials = 4, fine.trials = 4, edge { extend = true, trials = 5 }, replicas = 2, "
                        + "final.replicas = auto }", 2L));
        assertEquals(OptionalInt.of(2 * 3 + 1), PlannedTrials.of("knet.sweep { mode = grid, grid { batch-norm = "
                + "[true, false], init-sigma = [0.1, 0.01, 0.001] }, final.enabled = true }", null));
        assertEquals(OptionalInt.empty(), PlannedTrials.of("knet.sweep { coarse.trials = many }", null));
        assertEquals(OptionalInt.empty(), PlannedTrials.of("", null));
    }
}
