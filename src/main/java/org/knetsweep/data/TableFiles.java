package org.knetsweep.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.knetsweep.KnetException;

/**
 * The Parquet files of a table URI, as local files in a fixed order: a file, or every data file under a folder
 * (recursively; names starting with "_" or "." are Spark's and Hadoop's markers and checksums), sorted by their
 * path relative to the table. A table on a remote Hadoop file system (hdfs://, s3a://, ...) is copied once into
 * {@code <cache>/remote-<id>/}, the id identifying the URI and its files' sizes and modification times, so that every
 * executor reads it from its own disk, as a remote CIFAR-10 source is.
 */
public final class TableFiles {
    private TableFiles() {
    }

    /** The table's files, local, in the table's order; {@code key} names the setting in errors. */
    public static List<Path> resolve(String uri, String key, Path cache, PrintStream log) {
        if (HadoopSource.isRemote(uri)) return fetch(uri, key, cache, log);
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

    private static List<Path> fetch(String uri, String key, Path cache, PrintStream log) {
        try {
            URI u = URI.create(uri);
            FileSystem fs = FileSystem.get(u, HadoopSource.configuration());
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(u);
            if (!fs.exists(root))
                throw new KnetException("invalid value for " + key + ": " + uri + " does not exist");
            FileStatus top = fs.getFileStatus(root);
            List<FileStatus> files = new ArrayList<>();
            if (top.isFile()) files.add(top);
            else {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
                while (it.hasNext()) files.add(it.next());
            }
            String rootText = top.getPath().toUri().getPath();
            StringBuilder id = new StringBuilder(uri);
            List<String> names = new ArrayList<>();
            List<FileStatus> data = new ArrayList<>();
            for (FileStatus f : files) {
                String rel = top.isFile() ? f.getPath().getName()
                        : f.getPath().toUri().getPath().substring(rootText.length()).replaceFirst("^/+", "");
                if (!isData(Path.of(rel))) continue;
                names.add(rel);
                data.add(f);
            }
            if (data.isEmpty())
                throw new KnetException("table " + uri + " (" + key + ") is empty: no Parquet files in the folder");
            Integer[] order = new Integer[data.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, Comparator.comparing(names::get));
            for (int i : order) id.append('\n').append(names.get(i)).append(' ').append(data.get(i).getLen())
                    .append(' ').append(data.get(i).getModificationTime());
            Path dir = cache.resolve("remote-" + HadoopSource.id(id.toString(), top));
            List<Path> local = new ArrayList<>();
            for (int i : order) {
                Path target = dir.resolve(names.get(i));
                Files.createDirectories(target.getParent());
                HadoopSource.copy(fs, data.get(i), target, log);
                local.add(target);
            }
            return local;
        } catch (IOException | IllegalArgumentException e) {
            throw new KnetException("cannot read table " + uri + " (" + key + "): " + e.getMessage(), e);
        }
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
