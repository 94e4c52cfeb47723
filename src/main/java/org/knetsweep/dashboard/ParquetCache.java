package org.knetsweep.dashboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The rows of each Parquet file read so far, keyed by path and checked against the file's length and modification
 * time from the latest listing: an unchanged file is never read twice, a replaced one (a retried trial, a
 * compaction) is read again. Thread-safe; two requests may read the same new file at once, and either result is
 * kept.
 */
final class ParquetCache {
    private record Entry(long length, long modified, List<Row> rows) {
    }

    private final Configuration conf;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    ParquetCache(Configuration conf) {
        this.conf = conf;
    }

    /** The rows of the listed file, from the cache when its length and modification time are unchanged. */
    List<Row> rows(FileStatus file) throws IOException {
        String key = file.getPath().toString();
        Entry cached = entries.get(key);
        if (cached != null && cached.length() == file.getLen() && cached.modified() == file.getModificationTime()) {
            return cached.rows();
        }
        List<Row> rows = read(file);
        entries.put(key, new Entry(file.getLen(), file.getModificationTime(), rows));
        return rows;
    }

    /** Forgets files under {@code dirPrefix} that are not in {@code listed} (deleted or compacted away). */
    void retain(String dirPrefix, Collection<FileStatus> listed) {
        Set<String> keep = new HashSet<>();
        for (FileStatus s : listed) keep.add(s.getPath().toString());
        entries.keySet().removeIf(k -> k.startsWith(dirPrefix) && !keep.contains(k));
    }

    int size() {
        return entries.size();
    }

    private List<Row> read(FileStatus file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = new GroupReader(HadoopInputFile.fromStatus(file, conf)).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) rows.add(Row.of(g));
        }
        return List.copyOf(rows);
    }

    /** A reader that takes the file's configuration instead of parsing a new one per file. */
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(HadoopInputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
