package org.knetsweep.dashboard;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.knetsweep.KnetException;
import org.knetsweep.results.Compaction;
import org.knetsweep.results.ResultLayout;
import org.knetsweep.results.NetworkCurve;
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
    private static final String COMPACTED = Compaction.FILE;
    private static final String TRIAL_PREFIX = "trial-";
    /** Threads that read new files. */
    static final int READERS = 4;
    private static final ForkJoinPool READ_POOL = new ForkJoinPool(READERS);

    private static final Predicate<String> ALL = name -> true;
    /** How old a folder's modification time must be before its listing is reused. */
    static final long QUIET_MS = 2_000;

    private record Listing(long modifiedNanos, long listedAtMillis, List<FileStatus> files) {
    }

    private record Tabled(List<FileStatus> listing, TableRows rows) {
    }

    /** The rows of one table of one sweep, and a signature of the files they came from (changes with any file). */
    record TableRows(List<Row> rows, long signature) {
    }

    private final String root;
    private final Configuration conf;
    private final ParquetCache cache;
    private FileSystem fs;
    /** The latest listing of each local folder. */
    private final Map<String, Listing> listings = new java.util.concurrent.ConcurrentHashMap<>();
    /** The rows of each table folder for its latest listing. */
    private final Map<String, Tabled> tabled = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, TableRows> uniqueRows = new java.util.concurrent.ConcurrentHashMap<>();

    ResultsReader(String root, Map<String, String> hadoopSettings) {
        this.root = ResultLayout.normalizeRoot(root);
        this.conf = new Configuration();
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
        return epochs(sweepId, name -> true);
    }

    /**
     * The epoch rows of the named trials, one per trial and epoch: only their own files are read (and the compacted
     * file, which holds the trials stored before a compaction).
     */
    TableRows epochs(String sweepId, Set<String> trialIds) {
        Set<String> escaped = new HashSet<>();
        for (String id : trialIds) escaped.add(ResultLayout.escape(id));
        TableRows rows = epochs(sweepId, name -> name.equals(COMPACTED) || escaped.contains(trialIdOfFile(name)));
        return new TableRows(rows.rows().stream().filter(r -> trialIds.contains(r.string(ResultSchema.TRIAL_ID)))
                .toList(), rows.signature());
    }

    private TableRows epochs(String sweepId, Predicate<String> files) {
        TableRows all = table(ResultSchema.EPOCHS, sweepId, files);
        Map<String, List<Row>> byTrial = new LinkedHashMap<>();
        for (Row r : all.rows()) byTrial.computeIfAbsent(r.string(ResultSchema.TRIAL_ID), k -> new ArrayList<>()).add(r);
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (List<Row> trial : byTrial.values()) // the curve of the network the trial ended with (NetworkCurve)
            for (Row r : NetworkCurve.of(trial, ResultsReader::rungOf, x -> intOf(x, ResultSchema.EPOCH)))
                byKey.put(r.string(ResultSchema.TRIAL_ID) + "\u0000" + r.get(ResultSchema.EPOCH), r);
        return new TableRows(List.copyOf(byKey.values()), all.signature());
    }

    private static int rungOf(Row r) {
        return r.get(ResultSchema.RUNG) == null ? -1 : intOf(r, ResultSchema.RUNG);
    }

    private static int intOf(Row r, String column) {
        return r.get(column) instanceof Number n ? n.intValue() : -1;
    }

    /** The escaped trial id of a per-trial file name ({@code trial-ID.parquet}, {@code trial-ID.rungR.parquet}). */
    static String trialIdOfFile(String name) {
        if (!name.startsWith(TRIAL_PREFIX) || !name.endsWith(".parquet")) return null;
        String core = name.substring(TRIAL_PREFIX.length(), name.length() - ".parquet".length());
        int rung = core.lastIndexOf(".rung");
        return rung >= 0 && core.substring(rung + 5).chars().allMatch(Character::isDigit) ? core.substring(0, rung) : core;
    }

    TableRows candidates(String sweepId) {
        return table(ResultSchema.CANDIDATES, sweepId);
    }

    TableRows models(String sweepId) {
        return table(ResultSchema.MODELS, sweepId);
    }

    /** All rows of the sweep's partition of {@code table}, compacted file first. */
    TableRows table(String table, String sweepId) {
        return table(table, sweepId, ALL);
    }

    /**
     * The rows of the files of the sweep's partition of {@code table} whose names {@code wanted} accepts, compacted
     * file first. Files not cached yet are read in parallel.
     */
    TableRows table(String table, String sweepId, Predicate<String> wanted) {
        Path dir = new Path(ResultLayout.partitionDir(root, table, sweepId));
        List<FileStatus> listing = list(dir);
        String key = dir.toString();
        Tabled last = tabled.get(key);
        if (wanted == ALL && last != null && last.listing() == listing) return last.rows();
        TableRows rows = read(dir, listing, wanted);
        if (wanted == ALL) tabled.put(key, new Tabled(listing, rows));
        return rows;
    }

    private TableRows read(Path dir, List<FileStatus> listing, Predicate<String> wanted) {
        List<FileStatus> listed = new ArrayList<>();
        for (FileStatus s : listing) {
            String name = s.getPath().getName();
            if (s.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) listed.add(s);
        }
        cache.retain(dir + "/", listed);
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus s : listed) if (wanted.test(s.getPath().getName())) files.add(s);
        files.sort(Comparator.comparing((FileStatus s) -> !s.getPath().getName().equals(COMPACTED))
                .thenComparing(s -> s.getPath().getName()));
        List<FileStatus> uncached = files.stream().filter(f -> cache.cached(f) == null).toList();
        if (uncached.size() > 1) readAll(uncached);
        List<Row> rows = new ArrayList<>();
        long signature = 17;
        for (FileStatus file : files) {
            try {
                rows.addAll(cache.rows(file));
            } catch (FileNotFoundException | NoSuchFileException e) {
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

    /** Reads the files into the cache on {@link #READERS} threads; failures are left for the caller's own read. */
    private void readAll(List<FileStatus> files) {
        try {
            READ_POOL.submit(() -> files.parallelStream().forEach(f -> {
                try {
                    cache.rows(f);
                } catch (IOException | RuntimeException e) {
                    // read again, and reported, by the caller
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // as above
        }
    }

    /** The table's rows with one row per key, a later file's row replacing an earlier one's (compacted file first). */
    private TableRows unique(String table, String sweepId, Function<Row, String> key) {
        TableRows all = table(table, sweepId);
        String cacheKey = table + "/" + sweepId;
        TableRows last = uniqueRows.get(cacheKey);
        if (last != null && last.signature() == all.signature()) return last;
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row r : all.rows()) byKey.put(key.apply(r), r);
        TableRows rows = new TableRows(List.copyOf(byKey.values()), all.signature());
        uniqueRows.put(cacheKey, rows);
        return rows;
    }

    /**
     * The folder's entries. A local folder's listing is reused while the folder's modification time is unchanged
     * (a file renamed in or out, as every write of the tables is, changes it) and was already
     * {@link #QUIET_MS} old when listed, so that a change within the file system's timestamp granularity is not missed.
     */
    private List<FileStatus> list(Path dir) {
        try {
            if ("file".equals(dir.toUri().getScheme())) {
                java.nio.file.Path folder = java.nio.file.Path.of(dir.toUri());
                long modified;
                try {
                    modified = Files.getLastModifiedTime(folder).to(TimeUnit.NANOSECONDS);
                } catch (NoSuchFileException e) {
                    return List.of();
                }
                String key = dir.toString();
                Listing last = listings.get(key);
                if (last != null && last.modifiedNanos() == modified
                        && last.listedAtMillis() - modified / 1_000_000 > QUIET_MS) return last.files();
                long now = System.currentTimeMillis();
                List<FileStatus> files = listLocal(dir, last == null ? List.of() : last.files());
                listings.put(key, new Listing(modified, now, files));
                return files;
            }
            return List.of(fs(dir).listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new KnetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A local folder's entries with java.nio: one directory read and a basic stat per entry (Hadoop's local listing
     * also reads each file's owner and permissions, several times slower for thousands of files).
     */
    private static List<FileStatus> listLocal(Path dir, List<FileStatus> previous) throws IOException {
        Map<String, FileStatus> known = new HashMap<>();
        for (FileStatus s : previous) known.put(s.getPath().getName(), s);
        java.nio.file.Path folder = java.nio.file.Path.of(dir.toUri());
        if (!Files.isDirectory(folder)) return List.of();
        List<FileStatus> out = new ArrayList<>();
        // hidden names (.crc checksums) are never table files: filtered before their stat
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(folder,
                p -> !p.getFileName().toString().startsWith("."))) {
            for (java.nio.file.Path p : entries) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue; // renamed away since the directory was read
                }
                if (a.isSymbolicLink()) continue;
                String name = p.getFileName().toString();
                FileStatus same = known.get(name);
                long modified = a.lastModifiedTime().toMillis();
                // an unchanged entry keeps its status (and Hadoop path) from the previous listing
                if (same != null && same.getLen() == a.size() && same.getModificationTime() == modified
                        && same.isDirectory() == a.isDirectory()) out.add(same);
                else out.add(new FileStatus(a.size(), a.isDirectory(), 1, 0, modified, new Path(dir, name)));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    /**
     * The root's file system: one instance of this reader's own (not Hadoop's JVM-wide cache, whose instance another
     * part of the JVM may close or configure), without the checksum layer for local files: the tables are only read
     * here, and a listing then costs one directory read instead of a status per file and its {@code .crc}.
     */
    private synchronized FileSystem fs(Path path) throws IOException {
        if (fs == null) {
            FileSystem opened = FileSystem.newInstance(new Path(root).toUri(), conf);
            fs = opened instanceof LocalFileSystem local ? local.getRawFileSystem() : opened;
        }
        return fs;
    }

    /** Closes the file system. */
    synchronized void close() {
        if (fs == null) return;
        try {
            fs.close();
        } catch (IOException ignored) {
            // nothing was written
        }
        fs = null;
    }
}
