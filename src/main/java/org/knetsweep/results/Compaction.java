package org.knetsweep.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.knetsweep.KnetException;

/**
 * Compacts a sweep's per-trial files: for each of {@link #TABLES}, the partition folder {@code ROOT/TABLE/sweep_id=ID}
 * (one or two files per trial) is replaced by a folder holding one file, {@link #FILE}, with the same rows (in the
 * current schema; columns a file lacks are null). The swap renames whole folders, under
 * {@code ROOT/_compaction/sweep_id=ID/TABLE/} (ignored by Spark, as every name starting with an underscore):
 * <ol>
 *   <li>write {@code building/compacted.parquet}, then rename {@code building} to {@code new};</li>
 *   <li>rename the partition folder to {@code old};</li>
 *   <li>rename {@code new} to the partition folder;</li>
 *   <li>delete {@code old}.</li>
 * </ol>
 * A reader never sees a trial twice: the partition folder holds either the per-trial files or the compacted file.
 * Between steps 2 and 3 (two renames apart) the sweep is missing from that table. A compaction interrupted at any
 * step is finished or undone by {@link #recover} (called first by every compaction, and by the sweep command before
 * it resumes a sweep): {@code building} is deleted; {@code new} without {@code old} is deleted (the partition is
 * intact); {@code new} with {@code old} and no partition is renamed into place; a leftover {@code old} is deleted
 * once the partition exists, or renamed back when it does not.
 *
 * <p>Files of a trial killed between its writes (an {@code epochs} or {@code models} file without its
 * {@code trials} or {@code rungs} row) are not merged but carried over as they are, so that the trial's next attempt
 * replaces them; a completed sweep has none. Only a sweep no driver is writing may be compacted: the sweep command compacts after its driver has finished,
 * and a resumed sweep adds per-trial files next to the compacted one, which the next compaction merges.
 */
public class Compaction {
    /** The one file of a compacted partition. */
    public static final String FILE = "compacted" + ResultLayout.SUFFIX;
    /** The tables with files per trial, in the order they are compacted ({@code trials}, the commit marker, last). */
    public static final List<String> TABLES = List.of(ResultSchema.EPOCHS, ResultSchema.MODELS, ResultSchema.RUNGS,
            ResultSchema.TRIALS);

    /** The steps of one table's compaction, for tests that interrupt it after each. */
    enum Step { WRITTEN, READY, OLD_MOVED, SWAPPED, DONE }

    /** What the compaction of one table did; files counted before and after (data files of the partition). */
    public record TableResult(String table, int filesBefore, int filesAfter, long rows) {
    }

    private final ResultStore store;

    Compaction(ResultStore store) {
        this.store = store;
    }

    /** Compacts every table of the sweep (a table without a partition is left out of the result). */
    List<TableResult> compact(String sweepId) {
        List<TableResult> results = new ArrayList<>();
        for (String table : TABLES) {
            TableResult r = compactTable(sweepId, table);
            if (r != null) results.add(r);
        }
        deleteIfEmpty(sweepDir(sweepId));
        return results;
    }

    /** Finishes or undoes an interrupted compaction of the sweep's tables; returns true when there was one. */
    boolean recover(String sweepId) {
        Path dir = sweepDir(sweepId);
        try {
            if (!fs(dir).exists(dir)) return false;
            for (String table : TABLES) recoverTable(sweepId, table);
            deleteIfEmpty(dir);
            return true;
        } catch (IOException e) {
            throw ResultStore.failure("recover the interrupted compaction in", dir, e);
        }
    }

    private TableResult compactTable(String sweepId, String table) {
        Path live = new Path(ResultLayout.partitionDir(store.root(), table, sweepId));
        Path work = new Path(sweepDir(sweepId), table);
        try {
            FileSystem fs = fs(live);
            recoverTable(sweepId, table);
            if (!fs.exists(live)) return null;
            List<Path> files = store.dataFiles(live);
            files.sort(Comparator.comparing(Path::getName));
            if (files.isEmpty() || files.size() == 1 && files.get(0).getName().equals(FILE))
                return new TableResult(table, files.size(), files.size(), -1);
            Path building = new Path(work, "building");
            List<Path> merged = new ArrayList<>();
            List<Path> kept = new ArrayList<>();
            Markers markers = table.equals(ResultSchema.EPOCHS) || table.equals(ResultSchema.MODELS)
                    ? markers(sweepId) : null;
            for (Path f : files) (markers == null || markers.commit(f.getName()) ? merged : kept).add(f);
            long rows = write(table, merged, new Path(building, FILE));
            for (Path f : kept) FileUtil.copy(fs, f, fs, new Path(building, f.getName()), false, store.conf());
            after(Step.WRITTEN, table);
            rename(fs, building, new Path(work, "new"));
            after(Step.READY, table);
            rename(fs, live, new Path(work, "old"));
            after(Step.OLD_MOVED, table);
            rename(fs, new Path(work, "new"), live);
            after(Step.SWAPPED, table);
            fs.delete(new Path(work, "old"), true);
            fs.delete(work, true);
            after(Step.DONE, table);
            return new TableResult(table, files.size(), 1 + kept.size(), rows);
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("compact the " + table + " files of sweep " + sweepId + " in", live, e);
        }
    }

    private void recoverTable(String sweepId, String table) throws IOException {
        Path live = new Path(ResultLayout.partitionDir(store.root(), table, sweepId));
        Path work = new Path(sweepDir(sweepId), table);
        Path ready = new Path(work, "new");
        Path old = new Path(work, "old");
        FileSystem fs = fs(work);
        if (!fs.exists(work)) return;
        fs.delete(new Path(work, "building"), true);
        boolean hasNew = fs.exists(ready);
        boolean hasOld = fs.exists(old);
        boolean hasLive = fs.exists(live);
        if (hasNew && hasOld && hasLive)
            throw new KnetException("cannot recover the compaction of " + live + ": " + old + ", " + ready + " and the "
                    + "partition all exist (was the sweep written during its compaction?); move the files of " + old
                    + " back into the partition by hand and delete " + work);
        if (hasNew && !hasLive) {
            rename(fs, ready, live); // interrupted between the two renames: finish the swap
        } else if (hasNew) {
            fs.delete(ready, true); // interrupted before the partition moved: it is intact, compact again
        } else if (hasOld && !hasLive) {
            rename(fs, old, live); // cannot happen with atomic renames; undo rather than lose rows
        }
        fs.delete(old, true);
        fs.delete(work, true);
    }

    /**
     * The commit markers of a sweep: the names of its {@code trials} and {@code rungs} files and the trial ids of
     * their compacted rows. {@code trials} and {@code rungs} rows are the markers; an {@code epochs} or {@code models}
     * file counts once its trial's {@code trials} row (or, for a rung's epochs, its rung row) is stored. An
     * uncommitted file (a trial killed between its writes) is carried over as it is, so that the trial's next attempt
     * replaces it instead of adding its rows a second time.
     */
    private record Markers(Set<String> trialFiles, Set<String> rungFiles,
                           Set<String> compactedTrials, Set<String> compactedRungs) {
        boolean commit(String fileName) {
            if (fileName.equals(FILE)) return true;
            String escaped = ResultLayout.trialIdOfFile(fileName);
            if (escaped == null) return true;
            String id = ResultLayout.unescape(escaped);
            if (ResultLayout.trialFileName(escaped).equals(fileName))
                return trialFiles.contains(fileName) || compactedTrials.contains(id);
            String rung = fileName.substring(ResultLayout.TRIAL_PREFIX.length() + escaped.length()
                    + ResultLayout.RUNG_INFIX.length(), fileName.length() - ResultLayout.SUFFIX.length());
            return rungFiles.contains(fileName) || compactedRungs.contains(id + "/" + rung);
        }
    }

    private Markers markers(String sweepId) throws IOException {
        Set<String> trialFiles = new HashSet<>();
        Set<String> rungFiles = new HashSet<>();
        Set<String> compactedTrials = new HashSet<>();
        Set<String> compactedRungs = new HashSet<>();
        for (String table : List.of(ResultSchema.TRIALS, ResultSchema.RUNGS)) {
            boolean rungs = table.equals(ResultSchema.RUNGS);
            Path dir = new Path(ResultLayout.partitionDir(store.root(), table, sweepId));
            for (Path f : store.dataFiles(dir)) {
                if (!f.getName().equals(FILE)) {
                    (rungs ? rungFiles : trialFiles).add(f.getName());
                    continue;
                }
                for (Group row : ParquetFiles.read(store.conf(), f)) {
                    String id = ResultRows.trialId(row);
                    if (rungs) compactedRungs.add(id + "/" + ResultRows.trial(row, sweepId, List.of()).rung());
                    else compactedTrials.add(id);
                }
            }
        }
        return new Markers(trialFiles, rungFiles, compactedTrials, compactedRungs);
    }

    /** Writes the rows of {@code files} (in the current schema of {@code table}) to {@code target}; returns the count. */
    private long write(String table, List<Path> files, Path target) throws IOException {
        MessageType schema = ResultSchema.parquet(table);
        long rows = 0;
        try (ParquetWriter<Group> writer = ParquetFiles.writer(store.conf(), target, schema)) {
            for (Path file : files) {
                for (Group row : ParquetFiles.read(store.conf(), file)) {
                    writer.write(conform(row, schema));
                    rows++;
                }
            }
        }
        return rows;
    }

    /** {@code row} in the type {@code target}: fields copied by name, those {@code row} lacks left empty (null). */
    static Group conform(Group row, GroupType target) {
        if (row.getType().equals(target)) return row;
        SimpleGroup out = new SimpleGroup(target);
        GroupType source = row.getType();
        for (int i = 0; i < target.getFieldCount(); i++) {
            Type field = target.getType(i);
            if (!source.containsField(field.getName())) continue;
            int from = source.getFieldIndex(field.getName());
            for (int r = 0; r < row.getFieldRepetitionCount(from); r++) {
                if (!field.isPrimitive()) {
                    out.add(i, conform(row.getGroup(from, r), field.asGroupType()));
                    continue;
                }
                switch (field.asPrimitiveType().getPrimitiveTypeName()) {
                    case INT32 -> out.add(i, row.getInteger(from, r));
                    case INT64 -> out.add(i, row.getLong(from, r));
                    case DOUBLE -> out.add(i, row.getDouble(from, r));
                    case FLOAT -> out.add(i, row.getFloat(from, r));
                    case BOOLEAN -> out.add(i, row.getBoolean(from, r));
                    case INT96 -> out.add(i, row.getInt96(from, r));
                    default -> out.add(i, row.getBinary(from, r));
                }
            }
        }
        return out;
    }

    /** Called after each step of a table's compaction: a hook for tests that interrupt it there. */
    void after(Step step, String table) throws IOException {
    }

    private Path sweepDir(String sweepId) {
        return new Path(ResultLayout.compactionDir(store.root(), sweepId));
    }

    private FileSystem fs(Path path) throws IOException {
        return store.fs(path);
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        fs.mkdirs(to.getParent());
        if (!fs.rename(from, to)) throw new IOException("rename of " + from + " to " + to + " failed");
    }

    private void deleteIfEmpty(Path dir) {
        try {
            FileSystem fs = fs(dir);
            EmptyFolders.delete(fs, dir);
            EmptyFolders.delete(fs, dir.getParent());
        } catch (IOException e) {
            throw ResultStore.failure("delete the empty compaction folder", dir, e);
        }
    }
}
