package org.knetsweep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesCreatesTheFolderAndReplacesAnOlderFile() throws IOException {
        Path target = dir.resolve("sub/report.md");
        assertEquals(target, AtomicFile.writeString(target, "first"));
        assertEquals("first", Files.readString(target));
        AtomicFile.write(target, "second".getBytes(StandardCharsets.UTF_8));
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("report.md"), names(dir.resolve("sub")));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("data.bin");
        AtomicFile.writeString(target, "complete");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("checksum mismatch");
        }));
        assertEquals("checksum mismatch", e.getMessage());
        assertEquals("complete", Files.readString(target));
        assertEquals(List.of("data.bin"), names(dir));
        assertThrows(IOException.class, () -> AtomicFile.write(dir.resolve("new.bin"), out -> {
            throw new IOException("disk full");
        }));
        assertEquals(List.of("data.bin"), names(dir));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
