package org.knetsweep.results;

import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.knetsweep.KnetException;
import org.knetsweep.data.HadoopSource;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialStore;

/**
 * Reads and writes the result tables (see {@link ResultLayout} and {@link ResultSchema}) with plain parquet-hadoop,
 * without Spark, so that whoever finishes a trial (a Spark executor task or the driver) stores it directly.
 *
 * <p>Files are never seen half-written: each is written to {@code ROOT/_staging/sweep_id=ID/NAME.UUID.parquet}
 * (NAME: {@code trial-TRIAL.TABLE} or {@code sweep.sweeps}) and then renamed into place, replacing an existing file
 * of the same name (a retried trial overwrites its earlier attempt; names are deterministic, so a trial appears
 * exactly once). The staging files of an attempt killed in the middle of a write are deleted by the trial's next
 * write; the sweep's staging folder, empty once the sweep has completed, goes with its last {@code sweeps} row. A trial's {@code epochs} file is written first and its
 * {@code trials} file last: a trial counts as finished only when its {@code trials} file exists, or, after a
 * {@link Compaction} of the sweep, when its row is in the partition's compacted file.
 *
 * <p>By concept: {@link StagedWrites} is the staging protocol, {@link TrialWrites} the rows written,
 * {@link TrialReads} the rows read back, {@link CheckpointFiles} and {@link ModelFiles} the rung checkpoints and
 * model artifacts; this class is the {@link TrialStore} over them and the Hadoop side they share.
 *
 * <p>The store is serializable (root and Hadoop settings only) and builds its Hadoop {@link Configuration} lazily in
 * each JVM: {@code new Configuration()} (core-site.xml etc. from the classpath), the {@code spark.hadoop.*}
 * settings of the Spark application the JVM runs, if any ({@link HadoopSource#configuration()}), then the given
 * settings. I/O failures are thrown as {@link KnetException}s naming the path and the operation.
 */
public class ResultStore implements TrialStore {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Age after which {@link #cleanStaging()} deletes a staging file: surely a leftover of a crashed writer. */
    public static final Duration STAGING_MAX_AGE = Duration.ofHours(1);
    static final String TRIAL_STAGING_PREFIX = "trial-";

    private final String root;
    private final Map<String, String> hadoopConf;
    private transient Configuration conf;
    private transient TrialReads reads;
    private transient TrialWrites writes;
    private transient StagedWrites staging;

    /** A store under {@code root} (a local folder or a Hadoop URI) with the default Hadoop configuration. */
    public ResultStore(String root) {
        this(root, Map.of());
    }

    /**
     * A store under {@code root}, a local folder (resolved against the working directory now, see
     * {@link ResultLayout#normalizeRoot}) or a Hadoop URI (file://, hdfs://, s3a://...).
     *
     * @param hadoopConf Hadoop settings applied over {@code new Configuration()} in every JVM (e.g. S3A
     *                   credentials provider, endpoint); may be empty
     */
    public ResultStore(String root, Map<String, String> hadoopConf) {
        this.root = ResultLayout.normalizeRoot(root);
        this.hadoopConf = Collections.unmodifiableMap(new LinkedHashMap<>(hadoopConf));
    }

    /** The normalized root: an absolute URI without a trailing slash. */
    @Override
    public String root() {
        return root;
    }

    /** The extra Hadoop settings. */
    public Map<String, String> hadoopConf() {
        return hadoopConf;
    }

    /** True when the root folder exists. */
    public boolean exists() {
        Path path = new Path(root);
        try {
            return fs(path).exists(path);
        } catch (IOException e) {
            throw failure("check the results root", path, e);
        }
    }

    /**
     * Stores one trial: its {@code epochs} file (possibly with no rows), then its {@code trials} file, each atomically
     * replacing the file of an earlier attempt; staging leftovers of earlier attempts are deleted first.
     */
    @Override
    public void writeTrial(TrialOutcome o) {
        writes().writeTrial(o);
    }

    /**
     * Stores a trial at the end of a successive-halving rung: the rung's epochs, then its {@code rungs} row (the
     * rung's commit marker), each replacing an earlier attempt's file.
     */
    @Override
    public void writeRung(TrialOutcome o) {
        writes().writeRung(o);
    }

    /**
     * Stores only a trial's {@code trials} row, for a trial whose epochs are already stored with its rungs (a
     * successive-halving trial that stopped or finished its last rung).
     */
    @Override
    public void writeTrialRow(TrialOutcome o) {
        writes().writeTrialRow(o);
    }

    /** True when the trial's row of rung {@code rung} is stored. */
    @Override
    public boolean hasRung(String sweepId, String trialId, int rung) {
        return reads().hasRung(sweepId, trialId, rung);
    }

    /** The trial at the end of rung {@code rung} with that rung's epochs, or empty when not stored. */
    @Override
    public Optional<TrialOutcome> readRung(String sweepId, String trialId, int rung) {
        return reads().readRung(sweepId, trialId, rung);
    }

    /** Every stored rung row of a sweep (without epoch curves), by stage, trial index, trial id, then rung. */
    @Override
    public List<TrialOutcome> readRungs(String sweepId) {
        return reads().readRungs(sweepId);
    }

    /** Stores the training checkpoint of a trial at the end of a rung (replacing an earlier attempt's). */
    @Override
    public void writeCheckpoint(String sweepId, String trialId, int rung, byte[] bytes) {
        new CheckpointFiles(this).write(sweepId, trialId, rung, bytes);
    }

    /** The bytes of a trial's checkpoint at the end of a rung, or empty when there is none. */
    @Override
    public Optional<byte[]> readCheckpoint(String sweepId, String trialId, int rung) {
        return new CheckpointFiles(this).read(sweepId, trialId, rung);
    }

    /**
     * Deletes the checkpoints of the sweep's trials whose ids start with {@code trialIdPrefix} (e.g. "coarse-"),
     * once their stage is done.
     *
     * @return the number of files deleted
     */
    @Override
    public int deleteCheckpoints(String sweepId, String trialIdPrefix) {
        return new CheckpointFiles(this).delete(sweepId, trialIdPrefix);
    }

    /** Stores the candidates of one stage, replacing that stage's earlier file. */
    @Override
    public void writeCandidates(String sweepId, String stage, List<Candidate> candidates) {
        writes().writeCandidates(sweepId, stage, candidates);
    }

    /** The stored candidates of a sweep, by stage file then rank. */
    @Override
    public List<Candidate> readCandidates(String sweepId) {
        return reads().readCandidates(sweepId);
    }

    /** True when the trial is finished, i.e. its {@code trials} row is stored. */
    @Override
    public boolean hasTrial(String sweepId, String trialId) {
        return reads().hasTrial(sweepId, trialId);
    }

    /** The stored trial with its epoch curve, or empty when the trial has not finished. */
    @Override
    public Optional<TrialOutcome> readTrial(String sweepId, String trialId) {
        return reads().readTrial(sweepId, trialId);
    }

    /** Every finished trial of a sweep, with its epoch curve, by stage (coarse, fine, final) then trial index. */
    @Override
    public List<TrialOutcome> readTrials(String sweepId) {
        return reads().readTrials(sweepId);
    }

    /**
     * Compacts the sweep's per-trial files into one file per table ({@link Compaction}); only for a sweep no driver is
     * writing. Idempotent: a compacted table is left as it is.
     *
     * @return what was done per table ({@code trials}, {@code epochs}, {@code rungs}; tables without rows left out)
     */
    public List<Compaction.TableResult> compact(String sweepId) {
        return new Compaction(this).compact(sweepId);
    }

    /** Finishes or undoes an interrupted compaction of the sweep; returns true when there was one. */
    public boolean recoverCompaction(String sweepId) {
        return new Compaction(this).recover(sweepId);
    }

    /**
     * Per trial id, the values of those of {@code columns} (int, long, float or double) that the sweep's trial rows
     * hold and that are not null. Columns a table written before they were added lacks are simply absent, so readers
     * of optional columns (the report's search-space figures) work on old and new tables alike.
     */
    public Map<String, Map<String, Double>> readTrialNumbers(String sweepId, List<String> columns) {
        return reads().readTrialNumbers(sweepId, columns);
    }

    /** Stores the sweep's row, atomically replacing the previous one. */
    @Override
    public void writeSweep(SweepRecord r) {
        writes().writeSweep(r);
        // the completed sweep's last row: its staging folder is empty now (every file written was renamed into place);
        // a failed driver's row is not, as tasks of the sweep may still be writing
        if (r.status() == SweepStatus.COMPLETE) staging().deleteEmptyFolders(r.sweepId());
    }

    /** The sweep's row, or empty when none was written. */
    @Override
    public Optional<SweepRecord> readSweep(String sweepId) {
        return reads().readSweep(sweepId);
    }

    /** Deletes staging files older than {@link #STAGING_MAX_AGE} (leftovers of crashed writers). */
    public void cleanStaging() {
        cleanStaging(STAGING_MAX_AGE);
    }

    /**
     * Deletes staging files at least {@code minAge} old; {@link Duration#ZERO} deletes all of them, including those of
     * writers still running, so use it only when nothing writes under the root.
     *
     * @return the number of files deleted
     */
    public int cleanStaging(Duration minAge) {
        return staging().clean(minAge);
    }

    @Override
    public String toString() {
        return "ResultStore[" + root + "]";
    }

    /**
     * Called after a file is completely written to staging and before it is renamed to {@code target}: a hook for
     * tests that simulate a crash between the two steps.
     */
    void beforeCommit(String table, Path target) throws IOException {
    }

    /**
     * The Hadoop configuration of this JVM: {@link HadoopSource#configuration()} plus {@link #hadoopConf()}, shared
     * with the JVM's other stores of the same settings ({@link StoreConfigurations}).
     */
    synchronized Configuration conf() {
        if (conf == null) conf = StoreConfigurations.of(hadoopConf);
        return conf;
    }

    FileSystem fs(Path path) throws IOException {
        return path.getFileSystem(conf());
    }

    private synchronized TrialReads reads() {
        if (reads == null) reads = new TrialReads(this);
        return reads;
    }

    private synchronized TrialWrites writes() {
        if (writes == null) writes = new TrialWrites(this, staging());
        return writes;
    }

    /** The staging protocol every file of this store is written through. */
    synchronized StagedWrites staging() {
        if (staging == null) staging = new StagedWrites(this);
        return staging;
    }

    /** The Parquet files of a partition folder (none when it does not exist), skipping hidden and underscore names. */
    List<Path> dataFiles(Path dir) throws IOException {
        FileSystem fs = fs(dir);
        List<Path> files = new ArrayList<>();
        if (!fs.exists(dir)) return files;
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (status.isFile() && name.endsWith(ResultLayout.SUFFIX) && !name.startsWith("_") && !name.startsWith(".")) {
                files.add(status.getPath());
            }
        }
        return files;
    }

    /** A KnetException naming the operation and path (a KnetException from below is passed on as it is). */
    static KnetException failure(String what, Path path, Exception e) {
        if (e instanceof KnetException k) return k;
        return new KnetException("cannot " + what + " " + path + ": " + e.getMessage(), e);
    }
}
