package org.knetsweep.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.io.AtomicFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10DownloadTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final byte[] payload = randomBytes(3_000_000);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/file.tar.gz", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, payload.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(payload);
            }
        });
        server.createContext("/chunked", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int off = 0; off < payload.length; off += 100_000)
                    out.write(payload, off, Math.min(100_000, payload.length - off));
            }
        });
        server.createContext("/cut", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, payload.length);
            OutputStream out = ex.getResponseBody();
            out.write(payload, 0, 1000);
            out.flush();
            ex.close();
        });
        server.createContext("/missing", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/moved", ex -> {
            requests.incrementAndGet();
            ex.getResponseHeaders().add("Location", "/file.tar.gz");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void downloadsVerifiesAndRenames() throws IOException {
        Path dest = tmp.resolve("sub/a.tar.gz");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path got = Cifar10Download.download(url("/file.tar.gz"), md5(payload).toUpperCase(), dest,
                new PrintStream(log, true, StandardCharsets.UTF_8), false);
        assertEquals(dest.toAbsolutePath(), got);
        assertArrayEquals(payload, Files.readAllBytes(dest));
        assertEquals(List.of(), leftovers(tmp.resolve("sub")));
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("100.0%") && out.contains("3.0 MB") && out.contains("MB/s"), out);
        assertTrue(out.lines().count() <= 12, "non-terminal output prints few lines:\n" + out);
    }

    @Test
    void followsRedirectsAndHandlesUnknownLength() throws IOException {
        Path a = Cifar10Download.download(url("/moved"), md5(payload), tmp.resolve("a"), null);
        assertArrayEquals(payload, Files.readAllBytes(a));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path b = Cifar10Download.download(url("/chunked"), "", tmp.resolve("b"),
                new PrintStream(log, true, StandardCharsets.UTF_8), false);
        assertArrayEquals(payload, Files.readAllBytes(b));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("3.0 MB"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checksumMismatchDeletesThePartAndNamesBothChecksums() throws IOException {
        Path dest = tmp.resolve("a.tar.gz");
        String wrong = "c32a1d4ab5d03f1284b67883e8d87530";
        KnetException e = assertThrows(KnetException.class,
                () -> Cifar10Download.download(url("/file.tar.gz"), wrong, dest, null));
        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(md5(payload)), e.getMessage());
        assertFalse(Files.exists(dest));
        assertEquals(List.of(), leftovers(tmp));
    }

    @Test
    void httpErrorNamesStatusAndUrl() throws IOException {
        Path dest = tmp.resolve("a.tar.gz");
        KnetException e = assertThrows(KnetException.class,
                () -> Cifar10Download.download(url("/missing"), "", dest, null));
        assertTrue(e.getMessage().contains("404") && e.getMessage().contains(url("/missing").toString()), e.getMessage());
        assertFalse(Files.exists(dest));
        assertEquals(List.of(), leftovers(tmp));
    }

    @Test
    void connectionCutShortIsAnError() throws IOException {
        Path dest = tmp.resolve("a.tar.gz");
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Download.download(url("/cut"), "", dest, null));
        assertTrue(e.getMessage().contains(url("/cut").toString()), e.getMessage());
        assertFalse(Files.exists(dest));
        assertEquals(List.of(), leftovers(tmp));
    }

    @Test
    void existingFileIsVerifiedWithoutDownloading() throws IOException {
        Path dest = tmp.resolve("a.tar.gz");
        Files.write(dest, payload);
        assertEquals(dest.toAbsolutePath(), Cifar10Download.download(url("/file.tar.gz"), md5(payload), dest, null));
        Files.write(dest, "other".getBytes(StandardCharsets.UTF_8));
        KnetException e = assertThrows(KnetException.class,
                () -> Cifar10Download.download(url("/file.tar.gz"), md5(payload), dest, null));
        assertTrue(e.getMessage().contains(md5(payload)) && e.getMessage().contains(dest.toString()), e.getMessage());
        assertEquals(0, requests.get());
        assertTrue(Files.exists(dest), "a user's file is never deleted");
    }

    @Test
    void nonHttpUrlIsRejected() {
        KnetException e = assertThrows(KnetException.class,
                () -> Cifar10Download.download(URI.create("ftp://127.0.0.1/x"), "", tmp.resolve("x"), null));
        assertTrue(e.getMessage().contains("ftp://127.0.0.1/x"), e.getMessage());
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(7).nextBytes(b);
        return b;
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files of {@code dir} left by an interrupted or failed download (temporary files of {@link AtomicFile}). */
    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(AtomicFile.TEMP_SUFFIX)).toList();
        }
    }
}
