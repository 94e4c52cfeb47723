package org.knetsweep.data;

import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;

/**
 * Finds the folder of CIFAR-10 .bin files described by a {@link DataConfig}, extracting or downloading as needed.
 * <ul>
 * <li>source "auto": the archive or folder named by the environment variable CIFAR10_ARCHIVE if set; else
 * {@code <cacheDir>/cifar-10-batches-bin} if complete; else {@code <cacheDir>/cifar-10-binary.tar.gz} extracted
 * into cacheDir, downloading it from the configured URL first if it is absent.</li>
 * <li>source a folder: that folder or its {@code cifar-10-batches-bin/} subfolder.</li>
 * <li>source a .tar.gz/.tgz file: extracted into {@code <cacheDir>/extracted-<hash>/}, the hash identifying the
 * archive by absolute path, size and modification time so that different archives never share a folder.</li>
 * </ul>
 */
public final class Cifar10Source {
    /** Environment variable naming a local archive or folder, consulted by source "auto". */
    public static final String ARCHIVE_ENV = "CIFAR10_ARCHIVE";
    /** File name of the archive in the cache folder. */
    public static final String ARCHIVE_NAME = "cifar-10-binary.tar.gz";
    private static final String EXPECTED_SOURCE = "auto, a directory of CIFAR-10 .bin files or a .tar.gz/.tgz archive";

    private Cifar10Source() {
    }

    /** The folder holding the .bin files, using the process environment. {@code log} may be null. */
    public static Path resolve(DataConfig cfg, PrintStream log) {
        return resolve(cfg, log, System::getenv);
    }

    /** As {@link #resolve(DataConfig, PrintStream)} with the environment looked up through {@code env}. */
    public static Path resolve(DataConfig cfg, PrintStream log, Function<String, String> env) {
        Path cache = cacheDir(cfg);
        String source = cfg.source().strip();
        if (source.equalsIgnoreCase("auto")) return resolveAuto(cfg, cache, log, env);
        if (HadoopSource.isRemote(source))
            return resolveLocal(HadoopSource.fetch(source, cache, log), "knet.data.source", false, cache, log);
        return resolveLocal(toPath(source, "knet.data.source"), "knet.data.source", true, cache, log);
    }

    /**
     * The extraction folder for {@code archive}: {@code <cache>/extracted-<12 hex digits>} from the SHA-256 of the
     * archive's absolute path, size and modification time.
     */
    public static Path extractionDir(Path archive, Path cache) {
        Path abs = archive.toAbsolutePath().normalize();
        try {
            String id = abs + "\n" + Files.size(abs) + "\n" + Files.getLastModifiedTime(abs).toMillis();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String hex = HexFormat.of().formatHex(sha.digest(id.getBytes(StandardCharsets.UTF_8)));
            return cache.resolve("extracted-" + hex.substring(0, 12));
        } catch (IOException e) {
            throw new KnetException("cannot read CIFAR-10 archive " + abs + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static Path resolveAuto(DataConfig cfg, Path cache, PrintStream log, Function<String, String> env) {
        String fromEnv = env.apply(ARCHIVE_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            String what = "environment variable " + ARCHIVE_ENV;
            Path bins = HadoopSource.isRemote(fromEnv.strip())
                    ? resolveLocal(HadoopSource.fetch(fromEnv.strip(), cache, log), what, false, cache, log)
                    : resolveLocal(toPath(fromEnv.strip(), what), what, false, cache, log);
            // said once it worked: a source that fails is one line, the error naming it
            say(log, "CIFAR-10: using " + ARCHIVE_ENV + "=" + fromEnv.strip());
            return bins;
        }
        Path bins = cache.resolve(Cifar10Reader.BATCHES_FOLDER);
        if (Cifar10Reader.isComplete(bins)) return bins;
        Path archive = cache.resolve(ARCHIVE_NAME);
        if (!Files.exists(archive)) download(cfg, archive, log);
        Cifar10Archive.checkGzip(archive);
        say(log, "CIFAR-10: extracting " + archive + " into " + cache);
        return Cifar10Archive.extract(archive, cache);
    }

    /**
     * A local folder or archive named by {@code what}; archives must end in .tar.gz/.tgz when
     * {@code requireArchiveSuffix}.
     */
    private static Path resolveLocal(Path path, String what, boolean requireArchiveSuffix, Path cache,
                                     PrintStream log) {
        if (Files.isDirectory(path)) {
            Path bins = Cifar10Reader.batchFolder(path);
            if (bins == null)
                throw new KnetException("invalid value for " + what + ": " + path + " is a directory without CIFAR-10"
                        + " batches (expected data_batch_1.bin .. test_batch.bin in it or in "
                        + path.resolve(Cifar10Reader.BATCHES_FOLDER) + ")");
            return bins;
        }
        if (Files.isRegularFile(path) && (!requireArchiveSuffix || isArchiveName(path))) {
            Path target = extractionDir(path, cache);
            if (!Cifar10Archive.isExtracted(target.resolve(Cifar10Reader.BATCHES_FOLDER))) {
                Cifar10Archive.checkGzip(path);
                say(log, "CIFAR-10: extracting " + path + " into " + target);
            }
            return Cifar10Archive.extract(path, target);
        }
        String problem = Files.exists(path) ? " is neither a directory nor a .tar.gz/.tgz archive" : " does not exist";
        throw new KnetException("invalid value for " + what + ": " + path + problem + " (expected "
                + EXPECTED_SOURCE + ")");
    }

    private static void download(DataConfig cfg, Path archive, PrintStream log) {
        URI url;
        try {
            url = URI.create(cfg.url().strip());
        } catch (IllegalArgumentException e) {
            throw new KnetException("invalid value for knet.data.url: " + cfg.url() + " (expected an http(s) URL)");
        }
        try {
            Cifar10Download.download(url, cfg.md5(), archive, log);
        } catch (KnetException e) {
            throw new KnetException(e.getMessage() + "; without internet access, copy " + ARCHIVE_NAME + " to "
                    + archive + ", or point knet.data.source or the " + ARCHIVE_ENV
                    + " environment variable at a local copy", e);
        }
    }

    static boolean isArchiveName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    private static Path cacheDir(DataConfig cfg) {
        String dir = cfg.cacheDir();
        if (dir == null || dir.isBlank())
            throw new KnetException("invalid value for knet.data.cache-dir: \"\" (expected a folder for the "
                    + "CIFAR-10 download and extracted files)");
        return toPath(dir.strip(), "knet.data.cache-dir").toAbsolutePath().normalize();
    }

    private static Path toPath(String s, String what) {
        try {
            if (s.regionMatches(true, 0, "file:", 0, 5)) return Path.of(URI.create(s));
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new KnetException("invalid value for " + what + ": " + s + " (not a valid path: "
                    + e.getReason() + ")");
        } catch (IllegalArgumentException e) {
            throw new KnetException("invalid value for " + what + ": " + s + " (not a valid file: URI: "
                    + e.getMessage() + ")");
        }
    }

    private static void say(PrintStream log, String msg) {
        if (log != null) log.println(msg);
    }
}
