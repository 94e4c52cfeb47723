package org.knetsweep.dashboard;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.knetsweep.KnetException;
import org.knetsweep.results.ResultLayout;
import org.knetsweep.results.ResultSchema;

/**
 * Reads the result tables of a root directly with parquet-hadoop, as they stand at each call: per-trial files of a
 * running sweep, the compacted file of a compacted one, or both (a sweep resumed after a compaction). A trial is in
 * exactly one of them; should a listing catch both while a compaction swaps files, the per-trial file wins.
 * Staging files ({@code ROOT/_staging}) are writes in progress, renamed into the partition as soon as they are
 * complete, so they are not read: a half-written Parquet file has no footer yet. A file that vanishes between the
 * listing and the read (replaced by a retried trial, or by a compaction) is skipped until the next call.
 */
final class ResultsReader {
    private static final String PARTITION_PREFIX = ResultSchema.SWEEP_ID + "=";

    /** The rows of one table of one sweep, and a signature of the files they came from (changes with any file). */
    record TableRows(List<Row> rows, long signature) {
    }

    private final String root;
    private final Configuration conf;
    private final ParquetCache cache;

    ResultsReader(String root, Map<String, String> hadoopSettings) {
        this.root = ResultLayout.normalizeRoot(root);
        this.conf = new Configuration();
        // local files without the checksum layer: the tables are only read here, and .crc files are skipped
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.setBoolean("fs.file.impl.disable.cache", true);
        hadoopSettings.forEach(conf::set);
        this.cache = new ParquetCache(conf);
    }

    /** The normalized root (an absolute URI without a trailing slash). */
    String root() {
        return root;
    }

    Configuration conf() {
        return conf;
    }

    /** True when the root folder exists. */
    boolean exists() {
        Path path = new Path(root);
        try {
            return fs(path).exists(path);
        } catch (IOException e) {
            throw new KnetException("cannot read the results root " + root + ": " + e.getMessage(), e);
        }
    }

    /** Every sweep id with a partition in {@code sweeps} or {@code trials}, sorted. */
    List<String> sweepIds() {
        TreeSet<String> ids = new TreeSet<>();
        for (String table : List.of(ResultSchema.SWEEPS, ResultSchema.TRIALS)) {
            for (FileStatus s : list(new Path(ResultLayout.tableDir(root, table)))) {
                String name = s.getPath().getName();
                if (s.isDirectory() && name.startsWith(PARTITION_PREFIX) && name.length() > PARTITION_PREFIX.length())
                    ids.add(ResultLayout.unescape(name.substring(PARTITION_PREFIX.length())));
            }
        }
        return List.copyOf(ids);
    }

    /** The sweep's row, if written. */
    Optional<Row> sweep(String sweepId) {
        return table(ResultSchema.SWEEPS, sweepId).rows().stream().findFirst();
    }

    /** The sweep's finished trials, one row per trial id, by finish time. */
    TableRows trials(String sweepId) {
        return unique(ResultSchema.TRIALS, sweepId, r -> r.string(ResultSchema.TRIAL_ID));
    }

    /** The sweep's rung rows, one per trial and rung. */
    TableRows rungs(String sweepId) {
        return unique(ResultSchema.RUNGS, sweepId, r -> r.string(ResultSchema.TRIAL_ID) + "\u0000" + r.get(ResultSchema.RUNG));
    }

    /** The sweep's epoch rows, one per trial and epoch. */
    TableRows epochs(String sweepId) {
        return unique(ResultSchema.EPOCHS, sweepId, r -> r.string(ResultSchema.TRIAL_ID) + "\u0000" + r.get(ResultSchema.EPOCH));
    }

    TableRows candidates(String sweepId) {
        return table(ResultSchema.CANDIDATES, sweepId);
    }

    TableRows models(String sweepId) {
        return table(ResultSchema.MODELS, sweepId);
    }

    /** All rows of the sweep's partition of {@code table}, compacted file first. */
    TableRows table(String table, String sweepId) {
        Path dir = new Path(ResultLayout.partitionDir(root, table, sweepId));
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus s : list(dir)) {
            String name = s.getPath().getName();
            if (s.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) files.add(s);
        }
        files.sort(Comparator.comparing((FileStatus s) -> !s.getPath().getName().startsWith("compacted"))
                .thenComparing(s -> s.getPath().getName()));
        cache.retain(dir + "/", files);
        List<Row> rows = new ArrayList<>();
        long signature = 17;
        for (FileStatus file : files) {
            try {
                rows.addAll(cache.rows(file));
            } catch (FileNotFoundException e) {
                continue; // replaced or compacted away since the listing: the next call sees the new file
            } catch (IOException | RuntimeException e) {
                throw new KnetException("cannot read " + file.getPath() + ": " + e.getMessage(), e);
            }
            signature = 31 * signature + file.getPath().getName().hashCode();
            signature = 31 * signature + file.getLen();
            signature = 31 * signature + file.getModificationTime();
        }
        return new TableRows(rows, signature);
    }

    /** The table's rows with one row per key, a later file's row replacing an earlier one's (compacted file first). */
    private TableRows unique(String table, String sweepId, Function<Row, String> key) {
        TableRows all = table(table, sweepId);
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row r : all.rows()) byKey.put(key.apply(r), r);
        return new TableRows(List.copyOf(byKey.values()), all.signature());
    }

    private List<FileStatus> list(Path dir) {
        try {
            return List.of(fs(dir).listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new KnetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private FileSystem fs(Path path) throws IOException {
        return path.getFileSystem(conf);
    }
}
