package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepStatus;

/**
 * A finished sweep leaves no empty staging folder: its last {@code sweeps} row removes {@code _staging/sweep_id=ID}
 * and an empty {@code _staging}, while the staging of another sweep that is still running is left as it is.
 */
class StagingFoldersTest {
    @TempDir
    Path dir;

    private void writeSweep(ResultStore store, String sweepId) {
        store.writeSweep(ResultFixtures.running(sweepId));
        for (int i = 0; i < 3; i++) store.writeTrial(ResultFixtures.completed(sweepId, Stage.COARSE, i, 2));
        new ModelFiles(store).write(sweepId, "coarse-000", Map.of("manifest.json", new byte[] {'{', '}'}));
    }

    @Test
    void aCompletedSweepLeavesNoStagingFolder() {
        ResultStore store = new ResultStore(dir.toString());
        writeSweep(store, "s1");
        assertTrue(Files.isDirectory(dir.resolve("_staging/sweep_id=s1")), "a running sweep stages its writes there");
        store.writeSweep(ResultFixtures.complete("s1"));
        assertFalse(Files.exists(dir.resolve("_staging")), "_staging left behind");
        assertEquals(3, store.readTrials("s1").size());
        assertEquals(SweepStatus.COMPLETE, store.readSweep("s1").orElseThrow().status());
    }

    @Test
    void anotherRunningSweepsStagingIsLeftAlone() throws IOException {
        ResultStore store = new ResultStore(dir.toString());
        writeSweep(store, "done");
        writeSweep(store, "busy"); // still running: its folder is empty between two writes
        Path busy = dir.resolve("_staging/sweep_id=busy");
        assertTrue(Files.isDirectory(busy));
        assertEquals(List.of(), list(busy));
        store.writeSweep(ResultFixtures.complete("done"));
        assertFalse(Files.exists(dir.resolve("_staging/sweep_id=done")));
        assertTrue(Files.isDirectory(busy), "the running sweep's folder is kept");

        // a file being staged by the running sweep is kept as well, and its last row removes what is left
        Path staged = Files.writeString(busy.resolve("trial-coarse-007.epochs.0a1b.parquet"), "PAR1");
        writeSweep(store, "again");
        store.writeSweep(ResultFixtures.complete("again"));
        assertTrue(Files.exists(staged));
        Files.delete(staged);
        store.writeSweep(ResultFixtures.complete("busy"));
        assertFalse(Files.exists(dir.resolve("_staging")));
    }

    @Test
    void aFinishedSweepsFolderWithALeftoverStaysForTheCleanUp() throws IOException {
        ResultStore store = new ResultStore(dir.toString());
        writeSweep(store, "s2");
        Path leftover = Files.writeString(dir.resolve("_staging/sweep_id=s2/trial-fine-001.trials.cc.parquet"), "x");
        store.writeSweep(ResultFixtures.complete("s2"));
        assertTrue(Files.exists(leftover), "not empty: left to cleanStaging");
        assertEquals(1, store.cleanStaging(java.time.Duration.ZERO));
        store.writeSweep(ResultFixtures.complete("s2"));
        assertFalse(Files.exists(dir.resolve("_staging")));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.toList();
        }
    }
}
