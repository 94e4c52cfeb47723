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
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of each Parquet file read so far, keyed by path and checked against the file's length and modification
 * time from the latest listing: an unchanged file is never read twice, a replaced one (a retried trial, a
 * compaction) is read again. Files are read with parquet-hadoop's {@link ParquetFileReader} and read options built
 * once per thread (a {@code ParquetReader} per file rebuilds them from the Hadoop configuration, about half the time of reading
 * a one-row file); local files through java.nio, without Hadoop's checksum layer. Thread-safe; two requests may read
 * the same new file at once, and either result is kept.
 */
final class ParquetCache {
    private record Entry(long length, long modified, List<Row> rows) {
    }

    private final Configuration conf;
    /**
     * Read options per thread: a {@link ParquetFileReader} releases its options' codec factory when it closes, so
     * readers on different threads must not share one.
     */
    private final ThreadLocal<ParquetReadOptions> options;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    ParquetCache(Configuration conf) {
        this.conf = conf;
        this.options = ThreadLocal.withInitial(() -> HadoopReadOptions.builder(conf).build());
    }

    /** The cached rows of the listed file when its length and modification time are unchanged, else null. */
    List<Row> cached(FileStatus file) {
        Entry e = entries.get(file.getPath().toString());
        return e != null && e.length() == file.getLen() && e.modified() == file.getModificationTime() ? e.rows() : null;
    }

    /** The rows of the listed file, from the cache when unchanged. */
    List<Row> rows(FileStatus file) throws IOException {
        List<Row> cached = cached(file);
        if (cached != null) return cached;
        List<Row> rows = read(file);
        entries.put(file.getPath().toString(), new Entry(file.getLen(), file.getModificationTime(), rows));
        return rows;
    }

    /** Forgets files under {@code dirPrefix} that are not in {@code listed} (deleted or compacted away). */
    void retain(String dirPrefix, Collection<FileStatus> listed) {
        Set<String> keep = new HashSet<>();
        for (FileStatus s : listed) keep.add(s.getPath().toString());
        entries.keySet().removeIf(k -> k.startsWith(dirPrefix) && !keep.contains(k));
    }

    private List<Row> read(FileStatus file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(input(file), options.get())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) rows.add(Row.of(records.read()));
            }
        }
        return List.copyOf(rows);
    }

    private InputFile input(FileStatus file) throws IOException {
        if ("file".equals(file.getPath().toUri().getScheme()))
            return new LocalInputFile(java.nio.file.Path.of(file.getPath().toUri()));
        return HadoopInputFile.fromStatus(file, conf);
    }
}
