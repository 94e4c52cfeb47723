package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code knet bench-data} on a small synthetic CIFAR-10: one JVM per source, the same rows read from the binary
 * batches and from their Parquet export, every figure printed, the temporary export deleted.
 */
class BenchDataCommandTest {
    @TempDir
    Path dir;

    @Test
    void loadsBothSourcesInTheirOwnJvmsAndPrintsEveryFigure() throws Exception {
        Path data = org.knetsweep.sweep.SyntheticData.write(dir.resolve("in"), 10);
        String tmp = System.getProperty("java.io.tmpdir");
        long before;
        try (var s = Files.list(Path.of(tmp))) {
            before = s.filter(p -> p.getFileName().toString().startsWith("knet-bench-data")).count();
        }
        InProcessKnet.Run run = InProcessKnet.knet(List.of("bench-data", "--rounds", "1", "--warm", "1",
                "--set", "knet.data.source=" + data, "--set", "knet.data.cache-dir=" + dir.resolve("cache")));
        assertEquals(0, run.status(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("knet bench-data: CIFAR-10 train + test from "), run.out());
        assertTrue(lines.get(1).startsWith("round 1: binary "), run.out());
        assertTrue(lines.get(1).contains("Parquet "), run.out());
        assertTrue(run.out().contains("rows: 60 (train + test), the same in both sources"), run.out());
        for (String figure : List.of("first load (cold), s", "later load (warm), s", "RSS before loading, MB",
                "peak RSS, MB"))
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(figure) && l.contains(" ratio ")), figure + "\n" + run.out());
        try (var s = Files.list(Path.of(tmp))) {
            assertEquals(before, s.filter(p -> p.getFileName().toString().startsWith("knet-bench-data")).count(),
                    "the temporary export is deleted");
        }
    }
}
