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

    @Test
    void aWriterWhoseFolderVanishedWritesAgain() throws IOException {
        ResultStore store = new ResultStore(dir.toString());
        StagedWrites staging = store.staging();
        org.apache.hadoop.fs.Path staged = staging.staged("s3", "trial-coarse-000.epochs");
        Path folder = dir.resolve("_staging/sweep_id=s3");
        int[] runs = {0};
        staging.stage(staged, () -> {
            if (runs[0]++ == 0) {
                // as when another sweep completed and removed the empty _staging just as this writer created it
                Files.createDirectories(folder);
                Files.delete(folder);
                Files.delete(folder.getParent());
                throw new IOException("Mkdirs failed to create " + folder + " (exists=false)");
            }
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(staged.getName()), "PAR1");
        });
        assertEquals(2, runs[0]);
        assertTrue(Files.exists(folder.resolve(staged.getName())));

        // any other failure is not retried
        int[] once = {0};
        org.apache.hadoop.fs.Path other = staging.staged("s3", "trial-coarse-001.epochs");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> staging.stage(other, () -> {
            once[0]++;
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(1, once[0]);
    }

    @Test
    void aFailedSweepsRowLeavesTheStagingFolderToItsTasks() {
        ResultStore store = new ResultStore(dir.toString());
        writeSweep(store, "f");
        store.writeSweep(new org.knetsweep.trial.SweepRecord("f", "lambda search f", "knet {\n  seed = 42\n}\n",
                SweepStatus.FAILED, ResultFixtures.T0, ResultFixtures.T0, null, Double.NaN, Double.NaN, Double.NaN,
                "local[2]", "app-1", "spark 4.2.0"));
        assertTrue(Files.isDirectory(dir.resolve("_staging/sweep_id=f")), "tasks of a failed driver may still write");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.toList();
        }
    }
}
