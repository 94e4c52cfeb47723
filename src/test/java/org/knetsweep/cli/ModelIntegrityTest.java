package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved model checks itself when it is loaded: an array file changed after saving is one line and exit 2, whether
 * or not Hadoop's hidden .crc files travelled with the folder, and a model saved before array hashes were recorded
 * still loads.
 */
class ModelIntegrityTest {
    @TempDir
    Path dir;

    private static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x04);
        }
    }

    private static List<Path> crcFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".crc")).toList();
        }
    }

    private WholeStderr.Run evaluate(ModelFixturesCli f, String model) {
        return WholeStderr.knet(List.of("evaluate", model, "--results", f.root.toString(), "--data",
                f.batch.toString()));
    }

    @Test
    void aFlippedByteIsOneLineWithOrWithoutTheCrcFiles() throws IOException {
        ModelFixturesCli f = new ModelFixturesCli(dir);
        Path folder = Path.of(java.net.URI.create(f.row.path()));
        Path w2 = folder.resolve("W2.bin");
        assertTrue(Files.exists(folder.resolve(".W2.bin.crc")), "Hadoop wrote checksum files beside the arrays");
        flip(w2, 17);

        for (String model : List.of(f.row.path(), "s1", "s1/final-000")) {
            WholeStderr.Run withCrc = evaluate(f, model);
            assertTrue(withCrc.oneUserErrorLine(), withCrc.status() + ": " + withCrc.err());
            assertTrue(withCrc.err().contains(folder.getFileName() + ": W2.bin is corrupted: it does not match its "
                    + "Hadoop checksum file .W2.bin.crc"), withCrc.err());
            assertTrue(Files.exists(w2), "the corrupted file is left where it is");
        }

        for (Path crc : crcFiles(folder)) Files.delete(crc);
        WholeStderr.Run withoutCrc = evaluate(f, f.row.path());
        assertTrue(withoutCrc.oneUserErrorLine(), withoutCrc.status() + ": " + withoutCrc.err());
        assertTrue(withoutCrc.err().startsWith("knet: model " + f.row.path() + ": W2.bin is corrupted: its SHA-256 is "),
                withoutCrc.err());
        WholeStderr.Run predict = WholeStderr.knet(List.of("predict", folder.toString(), "--input",
                f.batch.toString()));
        assertTrue(predict.oneUserErrorLine(), predict.err());
        assertTrue(predict.err().contains("W2.bin is corrupted"), predict.err());

        flip(w2, 17); // back as saved
        WholeStderr.Run restored = evaluate(f, f.row.path());
        assertEquals(0, restored.status(), restored.err());
    }

    @Test
    void aModelWhoseManifestHasNoHashesStillLoads() throws IOException {
        ModelFixturesCli f = new ModelFixturesCli(dir);
        Path folder = Path.of(java.net.URI.create(f.row.path()));
        Path manifest = folder.resolve("manifest.json");
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"sha256\": \""), json);
        Files.writeString(manifest, json.replaceAll(", \"sha256\": \"[0-9a-f]{64}\"", ""), StandardCharsets.UTF_8);
        Files.delete(folder.resolve(".manifest.json.crc"));
        assertFalse(Files.readString(manifest).contains("sha256"));

        WholeStderr.Run r = evaluate(f, f.row.path());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "test_accuracy=%.4f", f.trained.test().accuracy())),
                r.out());
    }
}
