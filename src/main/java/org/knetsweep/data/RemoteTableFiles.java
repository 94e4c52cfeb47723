package org.knetsweep.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.knetsweep.KnetException;

/**
 * The files of a table on a remote Hadoop file system (hdfs://, s3a://, ...), copied once into
 * {@code <cache>/remote-<id>/}, the id identifying the URI and its files' sizes and modification times, so that every
 * executor reads it from its own disk, as a remote CIFAR-10 source is. Data files as {@link TableFiles} takes them,
 * in the same order.
 */
final class RemoteTableFiles {
    private RemoteTableFiles() {
    }

    /** The table's files, copied (or already in the cache), in the table's order. */
    static List<Path> fetch(String uri, String key, Path cache, PrintStream log) {
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
                if (!TableFiles.isData(Path.of(rel))) continue;
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

}
