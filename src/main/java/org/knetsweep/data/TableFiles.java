package org.knetsweep.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.knetsweep.KnetException;

/**
 * The Parquet files of a table URI, as local files in a fixed order: a file, or every data file under a folder
 * (recursively; names starting with "_" or "." are Spark's and Hadoop's markers and checksums), sorted by their
 * path relative to the table. A table on a remote Hadoop file system (hdfs://, s3a://, ...) is copied once into the
 * cache ({@link RemoteTableFiles}); a local one is listed without Hadoop's classes.
 */
public final class TableFiles {
    private TableFiles() {
    }

    /** The table's files, local, in the table's order; {@code key} names the setting in errors. */
    public static List<Path> resolve(String uri, String key, Path cache, PrintStream log) {
        if (Uris.isRemote(uri)) return RemoteTableFiles.fetch(uri, key, cache, log);
        Path root = toPath(uri, key);
        if (Files.isRegularFile(root)) return List.of(root);
        if (!Files.isDirectory(root))
            throw new KnetException("invalid value for " + key + ": " + uri + " does not exist (expected a Parquet "
                    + "file or a folder of them)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> isData(root.relativize(p)))
                    .sorted(Comparator.comparing(p -> root.relativize(p).toString())).toList();
        } catch (IOException e) {
            throw new KnetException("cannot list table " + uri + " (" + key + "): " + e.getMessage(), e);
        }
        if (files.isEmpty())
            throw new KnetException("table " + uri + " (" + key + ") is empty: no Parquet files in the folder");
        return files;
    }

    /** True for a data file: no path element starts with "_" or ".". */
    static boolean isData(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith("_") || name.startsWith(".")) return false;
        }
        return true;
    }

    private static Path toPath(String s, String key) {
        try {
            if (s.regionMatches(true, 0, "file:", 0, 5)) return Path.of(URI.create(s));
            return Path.of(s);
        } catch (IllegalArgumentException e) {
            throw new KnetException("invalid value for " + key + ": " + s + " (not a valid path or file: URI)");
        }
    }
}
