package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data command's user errors: one line, exit 2. */
class DataCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownOrMissingActionIsOneLine() {
        InProcessKnet.Run none = InProcessKnet.knet(List.of("data", "--output", dir.toString()));
        assertEquals(2, none.status(), none.err());
        assertEquals("knet: data needs the action export-cifar10 (knet data export-cifar10 --output URI), not nothing",
                none.err().strip());
        InProcessKnet.Run other = InProcessKnet.knet(List.of("data", "import", "--output", dir.toString()));
        assertEquals(2, other.status(), other.err());
        assertTrue(other.err().contains("not import"), other.err());
    }

    @Test
    void anOutputFolderThatHoldsFilesIsRefused() throws Exception {
        Files.writeString(dir.resolve("x"), "keep me");
        Path data = org.knetsweep.sweep.SyntheticData.write(dir.resolve("in"), 10);
        InProcessKnet.Run run = InProcessKnet.knet(List.of("data", "export-cifar10", "--output", dir.toString(),
                "--set", "knet.data.source=" + data, "--set", "knet.data.cache-dir=" + dir.resolve("cache")));
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--output " + dir + " already exists and is not empty"), run.err());
        assertEquals("keep me", Files.readString(dir.resolve("x")));
    }
}
