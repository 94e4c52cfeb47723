package org.knetsweep.results;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;

/**
 * The rows of one compacted file ({@link Compaction#FILE}) grouped by trial id, for lookups of single trials. The
 * rows of the last few files read are kept per JVM, keyed by path, length and modification time (a compaction
 * writes a new file, so a changed file is read again).
 */
final class CompactedRows {
    private static final int KEPT = 8;
    private static final CompactedRows NONE = new CompactedRows(Map.of());
    private static final Map<String, CompactedRows> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompactedRows> eldest) {
            return size() > KEPT;
        }
    };

    private final Map<String, List<Group>> byTrial;

    private CompactedRows(Map<String, List<Group>> byTrial) {
        this.byTrial = byTrial;
    }

    /** The rows of {@code file} (none when it does not exist). */
    static CompactedRows of(ResultStore store, Path file) throws IOException {
        FileStatus status;
        try {
            status = store.fs(file).getFileStatus(file);
        } catch (FileNotFoundException e) {
            return NONE;
        }
        String key = file + "|" + status.getLen() + "|" + status.getModificationTime();
        synchronized (RECENT) {
            CompactedRows rows = RECENT.get(key);
            if (rows != null) return rows;
        }
        Map<String, List<Group>> byTrial = new HashMap<>();
        for (Group row : ParquetFiles.read(store.conf(), file))
            byTrial.computeIfAbsent(ResultRows.trialId(row), k -> new ArrayList<>()).add(row);
        CompactedRows rows = new CompactedRows(byTrial);
        synchronized (RECENT) {
            RECENT.put(key, rows);
        }
        return rows;
    }

    /** The rows of one trial (none when it is not in the file). */
    List<Group> get(String trialId) {
        return byTrial.getOrDefault(trialId, List.of());
    }
}
