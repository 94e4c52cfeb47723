package org.knetsweep.results;

import static org.knetsweep.results.ResultSchema.BYTES;
import static org.knetsweep.results.ResultSchema.FORMAT_VERSION;
import static org.knetsweep.results.ResultSchema.MODELS;
import static org.knetsweep.results.ResultSchema.MODELS_PARQUET;
import static org.knetsweep.results.ResultSchema.PATH;
import static org.knetsweep.results.ResultSchema.TEST_ACCURACY;
import static org.knetsweep.results.ResultSchema.TRIAL_ID;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.knetsweep.KnetException;
import org.knetsweep.data.HadoopSource;

/**
 * The stored model artifacts of a results root and their {@code models} table, as plain files (no Spark), through
 * the store's Hadoop file system (file://, hdfs://, ...).
 *
 * <p>An artifact is a folder of files ({@link ResultLayout#modelDir}). It is written as the result files are:
 * completely, into {@code ROOT/_staging/sweep_id=ID/model-TRIAL.UUID/}, then renamed into place in one step, so
 * nobody sees a half-written model. A trial's earlier staging folders (a writer killed midway) are deleted before it
 * writes, and an artifact already in place is kept: a resumed or retried trial does not write it twice. Its row in
 * {@code models} ({@code ROOT/models/sweep_id=ID/trial-TRIAL.parquet}) is written after the folder.
 */
public final class ModelFiles {
    /** A row of the {@code models} table. */
    public record Row(String sweepId, String trialId, String path, int formatVersion, long bytes,
                      double testAccuracy) {
    }

    private static final String STAGING_PREFIX = "model-";

    private final ResultStore store;

    public ModelFiles(ResultStore store) {
        this.store = store;
    }

    /** The artifact folder of a trial. */
    public String dir(String sweepId, String trialId) {
        return ResultLayout.modelDir(store.root(), sweepId, trialId);
    }

    /** True when the trial's artifact is in place. */
    public boolean exists(String sweepId, String trialId) {
        Path dir = new Path(dir(sweepId, trialId));
        try {
            return store.fs(dir).exists(dir);
        } catch (IOException e) {
            throw ResultStore.failure("check for the model", dir, e);
        }
    }

    /**
     * Stores a trial's artifact unless it is already in place.
     *
     * @param files the files by name
     * @return true when written, false when the artifact was already stored
     */
    public boolean write(String sweepId, String trialId, Map<String, byte[]> files) {
        String prefix = STAGING_PREFIX + ResultLayout.escape(trialId) + ".";
        deleteStaged(sweepId, prefix);
        Path target = new Path(dir(sweepId, trialId));
        if (exists(sweepId, trialId)) return false;
        Path staged = new Path(store.staging().stagingDir(sweepId), prefix + UUID.randomUUID());
        try {
            FileSystem fs = store.fs(staged);
            store.staging().stage(staged, () -> {
                fs.mkdirs(staged);
                for (var e : files.entrySet()) {
                    try (var out = fs.create(new Path(staged, e.getKey()), false)) {
                        out.write(e.getValue());
                    }
                }
            });
            fs.mkdirs(target.getParent());
            // a folder renamed onto an existing folder would land inside it: a concurrent attempt may have won
            if (fs.exists(target)) {
                fs.delete(staged, true);
                return false;
            }
            if (!fs.rename(staged, target)) throw new IOException("rename of " + staged + " to " + target + " failed");
            return true;
        } catch (IOException | RuntimeException e) {
            try {
                store.fs(staged).delete(staged, true);
            } catch (IOException | RuntimeException ignored) {
                // best effort: the trial's next write deletes it
            }
            throw ResultStore.failure("write the model", target, e);
        }
    }

    /** Stores a model's row, replacing an earlier one of the same trial. */
    public void writeRow(Row r) {
        Group g = new SimpleGroupFactory(MODELS_PARQUET).newGroup();
        g.append(TRIAL_ID, r.trialId());
        g.append(PATH, r.path());
        g.append(FORMAT_VERSION, r.formatVersion());
        g.append(BYTES, r.bytes());
        if (Double.isFinite(r.testAccuracy())) g.append(TEST_ACCURACY, r.testAccuracy());
        String name = STAGING_PREFIX + ResultLayout.escape(r.trialId()) + "." + MODELS;
        store.staging().writeFile(MODELS, new Path(ResultLayout.trialFile(store.root(), MODELS, r.sweepId(), r.trialId())),
                store.staging().staged(r.sweepId(), name), List.of(g));
    }

    /** The sweep's model rows, by trial id. */
    public List<Row> readRows(String sweepId) {
        Path dir = new Path(ResultLayout.partitionDir(store.root(), MODELS, sweepId));
        List<Row> rows = new ArrayList<>();
        try {
            for (Path file : store.dataFiles(dir)) {
                for (Group g : ParquetFiles.read(store.conf(), file)) {
                    double test = g.getFieldRepetitionCount(TEST_ACCURACY) == 0 ? Double.NaN
                            : g.getDouble(TEST_ACCURACY, 0);
                    rows.add(new Row(sweepId, g.getString(TRIAL_ID, 0), g.getString(PATH, 0),
                            g.getInteger(FORMAT_VERSION, 0), g.getLong(BYTES, 0), test));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("read the models of sweep " + sweepId + " from", dir, e);
        }
        rows.sort(Comparator.comparing(Row::trialId));
        return rows;
    }

    /** The row of one trial's model, if saved. */
    public Optional<Row> readRow(String sweepId, String trialId) {
        return readRows(sweepId).stream().filter(r -> r.trialId().equals(trialId)).findFirst();
    }

    /**
     * One file of an artifact folder given by path or URI (a local path is resolved against the working directory).
     *
     * @throws KnetException naming the file when it is missing or unreadable
     */
    public static byte[] readFile(String dir, String name, Map<String, String> hadoopConf) {
        Path path = new Path(ResultLayout.normalizeRoot(dir) + "/" + name);
        try {
            Configuration conf = HadoopSource.configuration();
            hadoopConf.forEach(conf::set);
            FileSystem fs = forReading(path.getFileSystem(conf));
            if (!fs.exists(path)) throw new KnetException("model file " + path + " not found");
            try (var in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (FileNotFoundException e) {
            throw new KnetException("model file " + path + " not found", e);
        } catch (ChecksumException e) {
            throw new KnetException("model " + dir + ": " + name + " is corrupted: it does "
                    + "not match its Hadoop checksum file ." + name + ".crc (changed after the model was saved; copy "
                    + "the model folder again)", e);
        } catch (IOException e) {
            throw new KnetException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code fs} for reading a model's files: a local file system's reads still check a file against its hidden
     * {@code .crc} file when one is there, but a file that fails the check is reported (a ChecksumException) and left
     * where it is, where {@link LocalFileSystem} would log a warning and move it into a {@code bad_files} folder.
     */
    private static FileSystem forReading(FileSystem fs) {
        if (!(fs instanceof LocalFileSystem local)) return fs;
        ChecksumFileSystem checked = new ChecksumFileSystem(local.getRawFileSystem()) {
        };
        checked.setConf(local.getConf());
        return checked;
    }

    /** Deletes the sweep's staging files and folders whose names start with {@code prefix}. */
    private void deleteStaged(String sweepId, String prefix) {
        Path dir = store.staging().stagingDir(sweepId);
        try {
            FileSystem fs = store.fs(dir);
            if (!fs.exists(dir)) return;
            for (FileStatus status : fs.listStatus(dir)) {
                if (status.getPath().getName().startsWith(prefix)) fs.delete(status.getPath(), true);
            }
        } catch (IOException e) {
            throw ResultStore.failure("clean the staging folder", dir, e);
        }
    }
}
