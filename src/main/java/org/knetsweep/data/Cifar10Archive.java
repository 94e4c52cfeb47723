package org.knetsweep.data;

import org.knetsweep.KnetException;
import org.knetsweep.io.AtomicFile;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Extracts the CIFAR-10 binary archive (cifar-10-binary.tar.gz) with the JDK alone: gzip via
 * {@link GZIPInputStream}, tar via a small built-in reader. Only the expected members
 * ({@code cifar-10-batches-bin/} data_batch_1..5.bin, test_batch.bin, batches.meta.txt) are written; every other
 * entry is skipped, and an entry whose path would leave the target folder makes the whole archive rejected. Each
 * member goes to a temporary file that is atomically renamed when complete; if the archive then proves corrupt or
 * truncated (the gzip checksum is only known at its end) the members written are deleted again. A manifest written
 * last records the extracted sizes, so an interrupted extraction is redone rather than trusted.
 */
public final class Cifar10Archive {
    /** Name of the manifest written into the batches folder after a complete extraction. */
    public static final String MANIFEST = ".knet-extracted";
    private static final String LOCK_FILE = ".knet-extract.lock";
    private static final int BUFFER = 1 << 16;

    private Cifar10Archive() {
    }

    /**
     * Throws the KnetException {@link #extract} would throw when {@code tarGz} does not begin with a gzip header, so
     * that a file that is no archive at all is reported before anything is said about extracting it. Reads only the
     * header; a missing file is left to {@link #extract}.
     */
    public static void checkGzip(Path tarGz) {
        if (!Files.isRegularFile(tarGz)) return;
        try (var in = Files.newInputStream(tarGz)) {
            new GZIPInputStream(in, 512); // reads and checks the header; closed with in
        } catch (EOFException | ZipException e) {
            throw badGzip(tarGz, e);
        } catch (IOException e) {
            throw new KnetException("cannot read CIFAR-10 archive " + tarGz + ": " + e.getMessage(), e);
        }
    }

    /** The user error of a truncated ({@link EOFException}) or corrupt ({@link ZipException}) gzip stream. */
    private static KnetException badGzip(Path tarGz, IOException e) {
        if (e instanceof EOFException)
            return new KnetException("CIFAR-10 archive " + tarGz + " is truncated (" + e.getMessage()
                    + "); download or copy it again", e);
        return new KnetException("CIFAR-10 archive " + tarGz + " is not a valid gzip file or is corrupt ("
                + e.getMessage() + ")", e);
    }

    /**
     * Extracts the CIFAR-10 members of {@code tarGz} into {@code targetDir} (creating it) and returns the folder
     * holding the .bin files, {@code targetDir/cifar-10-batches-bin}. Does nothing if a previous extraction there
     * completed and its files still have the recorded sizes. Safe against concurrent calls for the same target.
     */
    public static Path extract(Path tarGz, Path targetDir) {
        if (!Files.isRegularFile(tarGz))
            throw new KnetException("CIFAR-10 archive not found: " + tarGz + " (expected a cifar-10-binary.tar.gz file)");
        Path target = targetDir.toAbsolutePath().normalize();
        Path bins = target.resolve(Cifar10Reader.BATCHES_FOLDER);
        if (isExtracted(bins)) return bins;
        try {
            Files.createDirectories(target);
            return PathLocks.withLock(target.resolve(LOCK_FILE), () -> {
                if (!isExtracted(bins)) extractMembers(tarGz, target, bins);
                return bins;
            });
        } catch (KnetException e) {
            throw e;
        } catch (EOFException | ZipException e) {
            throw badGzip(tarGz, e);
        } catch (TarReader.TarFormatException e) {
            throw new KnetException("CIFAR-10 archive " + tarGz + " is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new KnetException("cannot extract CIFAR-10 archive " + tarGz + " into " + target + ": " + e, e);
        }
    }

    /** The archive paths of the members that are extracted, relative to the target folder. */
    public static List<String> expectedMembers() {
        List<String> names = new ArrayList<>();
        for (String f : Cifar10Reader.batchFiles()) names.add(Cifar10Reader.BATCHES_FOLDER + "/" + f);
        names.add(Cifar10Reader.BATCHES_FOLDER + "/" + Cifar10Reader.META_FILE);
        return List.copyOf(names);
    }

    /** True if {@code bins} holds a manifest naming all six .bin files and every listed file has its size. */
    static boolean isExtracted(Path bins) {
        Map<String, Long> manifest = readManifest(bins.resolve(MANIFEST));
        if (manifest == null || !manifest.keySet().containsAll(Cifar10Reader.batchFiles())) return false;
        for (Map.Entry<String, Long> e : manifest.entrySet()) {
            Path f = bins.resolve(e.getKey());
            try {
                if (!Files.isRegularFile(f) || Files.size(f) != e.getValue()) return false;
            } catch (IOException ex) {
                return false;
            }
        }
        return true;
    }

    private static void extractMembers(Path tarGz, Path target, Path bins) throws IOException {
        Files.createDirectories(bins);
        Files.deleteIfExists(bins.resolve(MANIFEST));
        Map<String, Long> written = new LinkedHashMap<>();
        try {
            extractVerified(tarGz, target, bins, written);
        } catch (IOException | RuntimeException e) {
            // the gzip CRC is only checked at the end: files written by a failed attempt are not trusted
            for (String f : written.keySet()) Files.deleteIfExists(bins.resolve(f));
            throw e;
        }
        AtomicFile.write(bins.resolve(MANIFEST), out -> out.write(manifestText(written).getBytes(StandardCharsets.UTF_8)));
    }

    /** Extracts the wanted members, recording each one written in {@code written}; verifies all are present. */
    private static void extractVerified(Path tarGz, Path target, Path bins, Map<String, Long> written)
            throws IOException {
        Set<String> wanted = Set.copyOf(expectedMembers());
        try (InputStream gz = new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(tarGz), BUFFER), BUFFER)) {
            TarReader tar = new TarReader(gz);
            for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
                String rel = safeRelativePath(e.name(), target, tarGz);
                if (rel == null || !wanted.contains(rel) || !e.isRegularFile()) continue;
                String file = rel.substring(rel.lastIndexOf('/') + 1);
                AtomicFile.write(bins.resolve(file), tar::copyTo);
                written.put(file, e.size());
            }
            gz.transferTo(OutputStream.nullOutputStream()); // reach the gzip trailer: verifies CRC and length
        }
        List<String> missing = Cifar10Reader.batchFiles().stream().filter(f -> !written.containsKey(f)).toList();
        if (!missing.isEmpty())
            throw new KnetException("CIFAR-10 archive " + tarGz + " lacks " + String.join(", ", missing)
                    + " under " + Cifar10Reader.BATCHES_FOLDER + "/ (expected the binary version of CIFAR-10, "
                    + "cifar-10-binary.tar.gz)");
    }

    /**
     * The entry's path relative to {@code target}, normalized and with '/' separators; null for an empty name or
     * the target itself. Throws if the path is absolute or would escape {@code target}.
     */
    static String safeRelativePath(String entryName, Path target, Path archive) {
        String name = entryName;
        if (name.isEmpty()) return null;
        Path resolved;
        try {
            if (name.startsWith("/") || name.startsWith("\\") || Path.of(name).isAbsolute())
                throw unsafe(archive, entryName, target);
            resolved = target.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw unsafe(archive, entryName, target);
        }
        if (!resolved.startsWith(target)) throw unsafe(archive, entryName, target);
        if (resolved.equals(target)) return null;
        return target.relativize(resolved).toString().replace('\\', '/');
    }

    private static KnetException unsafe(Path archive, String entry, Path target) {
        return new KnetException("CIFAR-10 archive " + archive + " contains the entry '" + entry
                + "' whose path would be written outside " + target + "; refusing to extract it");
    }

    static String manifestText(Map<String, Long> sizes) {
        StringBuilder sb = new StringBuilder();
        sizes.forEach((name, size) -> sb.append(name).append('\t').append(size).append('\n'));
        return sb.toString();
    }

    /** The manifest's name -> size map, or null if it is absent or unreadable. */
    static Map<String, Long> readManifest(Path manifest) {
        if (!Files.isRegularFile(manifest)) return null;
        Map<String, Long> sizes = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                int tab = line.indexOf('\t');
                if (tab <= 0) return null;
                sizes.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1).strip()));
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return sizes;
    }
}
