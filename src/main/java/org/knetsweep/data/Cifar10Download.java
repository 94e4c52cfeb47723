package org.knetsweep.data;

import org.knetsweep.KnetException;
import org.knetsweep.io.AtomicFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Downloads a file over HTTP(S) to a temporary file beside {@code dest} ({@link AtomicFile}) with a progress bar,
 * checks its md5 and only then renames it atomically to {@code dest}, so {@code dest} exists only when complete and verified. Concurrent downloads of
 * the same destination (threads or processes on one host) are serialized.
 */
public final class Cifar10Download {
    private static final int BUFFER = 1 << 16;

    private Cifar10Download() {
    }

    /**
     * Downloads {@code url} to {@code dest} and returns {@code dest}. If {@code dest} already exists it is only
     * verified. {@code expectedMd5} (hex, any case) is checked unless empty or null; {@code progress} may be null.
     */
    public static Path download(URI url, String expectedMd5, Path dest, PrintStream progress) {
        return download(url, expectedMd5, dest, progress, isTerminal(progress));
    }

    /** As {@link #download(URI, String, Path, PrintStream)}, saying whether {@code progress} is a terminal. */
    public static Path download(URI url, String expectedMd5, Path dest, PrintStream progress, boolean terminal) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https"))
            throw new KnetException("cannot download " + url + " (expected an http:// or https:// URL)");
        String md5 = expectedMd5 == null ? "" : expectedMd5.strip().toLowerCase(Locale.ROOT);
        Path target = dest.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target.getParent());
            return PathLocks.withLock(sibling(target, ".lock"), () -> {
                if (Files.exists(target)) {
                    verifyExisting(target, md5);
                    return target;
                }
                fetchVerified(url, md5, target, progress, terminal);
                return target;
            });
        } catch (IOException e) {
            throw new KnetException("cannot download " + url + " to " + target + ": " + describe(e), e);
        }
    }

    /** md5 of a file as lower-case hex. */
    public static String md5Of(Path file) {
        MessageDigest md = md5();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new KnetException("cannot read " + file + ": " + describe(e), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** True if {@code out} is the standard output or error of a JVM attached to a terminal. */
    static boolean isTerminal(PrintStream out) {
        return out != null && System.console() != null && (out == System.out || out == System.err);
    }

    private static void verifyExisting(Path dest, String md5) {
        if (md5.isEmpty()) return;
        String actual = md5Of(dest);
        if (!actual.equals(md5))
            throw new KnetException("existing file " + dest + " has md5 " + actual + " but expected md5 " + md5
                    + "; delete it to download it again");
    }

    private static void fetchVerified(URI url, String md5, Path dest, PrintStream progress, boolean terminal)
            throws IOException {
        AtomicFile.write(dest, out -> {
            String actual = fetch(url, dest, out, progress, terminal);
            if (!md5.isEmpty() && !actual.equals(md5))
                throw new KnetException("checksum mismatch for " + url + ": expected md5 " + md5 + ", got md5 "
                        + actual + " (download deleted)");
        });
    }

    /** Streams {@code url} into {@code out} (the download to {@code dest}); returns the md5 of the received bytes. */
    private static String fetch(URI url, Path dest, OutputStream out, PrintStream progress, boolean terminal)
            throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KnetException("download of " + url + " was interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200)
                throw new KnetException("download of " + url + " failed: HTTP status " + response.statusCode()
                        + " (expected 200)");
            // said once the server answered: without a network, the failure is the one line
            if (progress != null) progress.println("downloading " + url + " to " + dest);
            long total = response.headers().firstValueAsLong("content-length").orElse(-1);
            ProgressBar bar = new ProgressBar(progress, total, terminal, System::nanoTime);
            MessageDigest md = md5();
            long done = copy(body, out, md, bar);
            bar.finish(done);
            if (total >= 0 && done != total)
                throw new KnetException("download of " + url + " was cut off: received " + done + " of " + total
                        + " bytes");
            return HexFormat.of().formatHex(md.digest());
        }
    }

    private static long copy(InputStream body, OutputStream out, MessageDigest md, ProgressBar bar)
            throws IOException {
        byte[] buf = new byte[BUFFER];
        long done = 0;
        for (int n; (n = body.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            md.update(buf, 0, n);
            done += n;
            bar.update(done);
        }
        return done;
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
