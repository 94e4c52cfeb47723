package org.knetsweep.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10SourceTest {
    /** A URL nothing listens on: any attempt to download fails. */
    static final String NO_URL = "http://127.0.0.1:1/cifar-10-binary.tar.gz";
    static final Function<String, String> NO_ENV = k -> null;

    @TempDir
    Path tmp;

    private DataConfig cfg(String source, String url, String md5) {
        return new DataConfig(source, url, md5, tmp.resolve("cache").toString(), 10, 0, 0);
    }

    private Path cache() {
        return tmp.resolve("cache").toAbsolutePath();
    }

    @Test
    void envArchiveIsExtractedIntoItsOwnFolder() throws IOException {
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("elsewhere/my.tar.gz"), 4);
        SyntheticCifar.writeBatches(cache(), 1); // a complete cache is ignored when the variable is set
        Map<String, String> env = Map.of("CIFAR10_ARCHIVE", archive.toString());
        Path bins = Cifar10Source.resolve(cfg("auto", NO_URL, ""), null, env::get);
        assertEquals(Cifar10Source.extractionDir(archive, cache()).resolve("cifar-10-batches-bin"), bins);
        assertTrue(bins.getParent().getFileName().toString().matches("extracted-[0-9a-f]{12}"), bins.toString());
        assertArrayEquals(SyntheticCifar.batchBytes(1, 4), Files.readAllBytes(bins.resolve("data_batch_1.bin")));
    }

    @Test
    void envDirectoryIsUsedAsIs() {
        Path bins = SyntheticCifar.writeBatches(tmp.resolve("mine"), 2);
        Map<String, String> env = Map.of("CIFAR10_ARCHIVE", tmp.resolve("mine").toString());
        assertEquals(bins, Cifar10Source.resolve(cfg("auto", NO_URL, ""), null, env::get));
        assertFalse(Files.exists(cache().resolve("cifar-10-batches-bin")));
    }

    @Test
    void envPointingNowhereNamesTheVariable() {
        Map<String, String> env = Map.of("CIFAR10_ARCHIVE", tmp.resolve("gone.tar.gz").toString());
        KnetException e = assertThrows(KnetException.class,
                () -> Cifar10Source.resolve(cfg("auto", NO_URL, ""), null, env::get));
        assertTrue(e.getMessage().contains("CIFAR10_ARCHIVE") && e.getMessage().contains("gone.tar.gz"), e.getMessage());
    }

    @Test
    void autoUsesACompleteCacheFolder() {
        Path bins = SyntheticCifar.writeBatches(cache(), 2);
        assertEquals(bins, Cifar10Source.resolve(cfg("auto", NO_URL, ""), null, NO_ENV));
    }

    @Test
    void autoExtractsACachedArchive() throws IOException {
        SyntheticCifar.writeArchive(cache().resolve("cifar-10-binary.tar.gz"), 3);
        Path bins = Cifar10Source.resolve(cfg("auto", NO_URL, ""), null, NO_ENV);
        assertEquals(cache().resolve("cifar-10-batches-bin"), bins);
        assertArrayEquals(SyntheticCifar.batchBytes(6, 3), Files.readAllBytes(bins.resolve("test_batch.bin")));
    }

    @Test
    void autoDownloadsThenExtracts() throws IOException {
        byte[] archive = Files.readAllBytes(SyntheticCifar.writeArchive(tmp.resolve("served.tar.gz"), 3));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/c.tar.gz", ex -> {
            ex.sendResponseHeaders(200, archive.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(archive);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/c.tar.gz";
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Path bins = Cifar10Source.resolve(cfg("auto", url, Cifar10DownloadTest.md5(archive)),
                    new PrintStream(log, true, StandardCharsets.UTF_8), NO_ENV);
            assertEquals(cache().resolve("cifar-10-batches-bin"), bins);
            assertArrayEquals(archive, Files.readAllBytes(cache().resolve("cifar-10-binary.tar.gz")));
            Cifar10Raw raw = Cifar10Reader.readDirectory(bins);
            assertEquals(15, raw.train().size());
            assertEquals(3, raw.test().size());
            String out = log.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("downloading " + url) && out.contains("extracting"), out);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failedDownloadExplainsTheOfflineAlternatives() {
        KnetException e = assertThrows(KnetException.class,
                () -> Cifar10Source.resolve(cfg("auto", NO_URL, ""), null, NO_ENV));
        assertTrue(e.getMessage().contains(NO_URL) && e.getMessage().contains("CIFAR10_ARCHIVE")
                && e.getMessage().contains("knet.data.source"), e.getMessage());
        assertFalse(Files.exists(cache().resolve("cifar-10-binary.tar.gz")));
    }

    @Test
    void sourceDirectoryOrItsParentIsUsed() {
        Path bins = SyntheticCifar.writeBatches(tmp.resolve("d"), 2);
        assertEquals(bins, Cifar10Source.resolve(cfg(bins.toString(), NO_URL, ""), null, NO_ENV));
        assertEquals(bins, Cifar10Source.resolve(cfg(tmp.resolve("d").toString(), NO_URL, ""), null, NO_ENV));
    }

    @Test
    void sourceArchivesGetDistinctFolders() throws IOException {
        Path a = SyntheticCifar.writeArchive(tmp.resolve("a/cifar.tgz"), 2);
        Path b = SyntheticCifar.writeArchive(tmp.resolve("b/cifar.tar.gz"), 3);
        Path binsA = Cifar10Source.resolve(cfg(a.toString(), NO_URL, ""), null, NO_ENV);
        Path binsB = Cifar10Source.resolve(cfg(b.toString(), NO_URL, ""), null, NO_ENV);
        assertNotEquals(binsA, binsB);
        assertTrue(binsA.startsWith(cache()) && binsB.startsWith(cache()));
        assertEquals(2, Cifar10Reader.readBatch(binsA.resolve("data_batch_1.bin")).size());
        assertEquals(3, Cifar10Reader.readBatch(binsB.resolve("data_batch_1.bin")).size());
        Path before = Cifar10Source.extractionDir(a, cache());
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() - 60_000));
        assertNotEquals(before, Cifar10Source.extractionDir(a, cache()), "a replaced archive gets a new folder");
    }

    @Test
    void missingSourceNamesTheKeyAndPath() {
        Path p = tmp.resolve("nothing-here");
        KnetException e = assertThrows(KnetException.class,
                () -> Cifar10Source.resolve(cfg(p.toString(), NO_URL, ""), null, NO_ENV));
        assertTrue(e.getMessage().contains("knet.data.source") && e.getMessage().contains(p.toString())
                && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void otherFilesAndEmptyDirectoriesAreRejected() throws IOException {
        Path zip = Files.write(tmp.resolve("cifar.zip"), new byte[10]);
        KnetException e = assertThrows(KnetException.class,
                () -> Cifar10Source.resolve(cfg(zip.toString(), NO_URL, ""), null, NO_ENV));
        assertTrue(e.getMessage().contains("knet.data.source") && e.getMessage().contains("cifar.zip"), e.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        e = assertThrows(KnetException.class,
                () -> Cifar10Source.resolve(cfg(empty.toString(), NO_URL, ""), null, NO_ENV));
        assertTrue(e.getMessage().contains("knet.data.source") && e.getMessage().contains(empty.toString()), e.getMessage());
    }
}
