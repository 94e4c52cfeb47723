package org.knetsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.results.ResultFixtures;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.Stage;

/**
 * What a process killed in the middle of a write leaves in the staging folder disappears with the trial's next
 * write (the retry on another executor, or the resumed sweep), so a completed sweep leaves no staging file.
 */
@Tag("cluster")
class StagingLeftoversTest {
    @TempDir
    Path dir;

    private List<Path> stagingFiles() throws IOException {
        Path staging = dir.resolve("_staging");
        if (!Files.exists(staging)) return List.of();
        try (Stream<Path> s = Files.walk(staging)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void theNextWriteOfATrialOrSweepRowDeletesWhatAKilledWriterLeft() throws IOException {
        ResultStore store = new ResultStore(dir.toString());
        Path sweepStaging = Files.createDirectories(dir.resolve("_staging/sweep_id=s1"));
        // half-written files of a killed attempt of coarse-000 and of the sweep row, and of another trial
        Files.writeString(sweepStaging.resolve("trial-coarse-000.epochs.0b0e.parquet"), "PAR1");
        Files.writeString(sweepStaging.resolve(".trial-coarse-000.epochs.0b0e.parquet.crc"), "");
        Files.writeString(sweepStaging.resolve("trial-coarse-000.trials.1c1f.parquet"), "");
        Files.writeString(sweepStaging.resolve("sweep.sweeps.2d2a.parquet"), "");
        Path other = Files.writeString(sweepStaging.resolve("trial-coarse-001.epochs.3e3b.parquet"), "");

        store.writeTrial(ResultFixtures.completed("s1", Stage.COARSE, 0, 2));
        assertEquals(List.of(other), stagingFiles().stream().filter(p -> !p.getFileName().toString().startsWith("sweep.")).toList());
        store.writeSweep(ResultFixtures.running("s1"));
        store.writeTrial(ResultFixtures.completed("s1", Stage.COARSE, 1, 2));
        assertEquals(List.of(), stagingFiles());
        assertEquals(2, store.readTrials("s1").size());
    }

    @Test
    void cleanStagingLooksIntoTheSweepFolders() throws IOException {
        Path sweepStaging = Files.createDirectories(dir.resolve("_staging/sweep_id=s2"));
        Path old = Files.writeString(sweepStaging.resolve("trial-fine-000.trials.aa.parquet"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.writeString(sweepStaging.resolve("trial-fine-001.trials.bb.parquet"), "y");
        assertEquals(1, new ResultStore(dir.toString()).cleanStaging(Duration.ofHours(1)));
        assertEquals(List.of(fresh), stagingFiles());
        assertTrue(Files.isDirectory(sweepStaging));
    }
}
