package org.knetsweep.results;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.BitSet;
import org.knetsweep.KnetException;

/**
 * Where the result files live under a root (a local folder or any Hadoop URI):
 *
 * <pre>
 * ROOT/trials/sweep_id=ID/trial-TRIAL.parquet
 * ROOT/epochs/sweep_id=ID/trial-TRIAL.parquet
 * ROOT/sweeps/sweep_id=ID/sweep.parquet
 * ROOT/rungs/sweep_id=ID/trial-TRIAL.rungR.parquet          a trial at the end of successive-halving rung R
 * ROOT/epochs/sweep_id=ID/trial-TRIAL.rungR.parquet         the epochs of that rung (instead of trial-TRIAL.parquet)
 * ROOT/candidates/sweep_id=ID/stage-STAGE.parquet           the candidates of one stage
 * ROOT/models/sweep_id=ID/trial-TRIAL.parquet              the row of a saved model artifact
 * ROOT/model-files/sweep_id=ID/TRIAL/                        the artifact itself: manifest.json and raw arrays
 * ROOT/_checkpoints/sweep_id=ID/trial-TRIAL.rungR.ckpt      training state at the end of rung R (deleted when the
 *                                  stage is done)
 * ROOT/TABLE/sweep_id=ID/compacted.parquet              after a compaction: the rows of the trials stored before it
 *                                  (trials, epochs, rungs; see {@link Compaction})
 * ROOT/_compaction/sweep_id=ID/TABLE/{building,new,old}  a compaction under way
 * ROOT/_staging/sweep_id=ID/trial-TRIAL.TABLE.UUID.parquet   files being written (ignored by Spark: the folder
 *                                  name starts with an underscore); renamed into place when complete
 * </pre>
 *
 * <p>Ids are escaped in directory and file names the way Spark and Hive escape partition values ({@code %XX} for
 * {@code / : = % ? * " ' # \ [ ] { } ^}, DEL and control characters), so Spark reads back the original sweep id.
 */
public final class ResultLayout {
    /** Folder (under the root) of files being written; renamed into place when complete. */
    public static final String STAGING = "_staging";
    /** The one file of a sweep's partition of the {@code sweeps} table. */
    public static final String SWEEP_FILE = "sweep.parquet";
    /** Folder (under the root) of compactions under way ({@link Compaction}). */
    public static final String COMPACTION = "_compaction";
    /** Folder (under the root) of the training checkpoints of successive-halving rungs. */
    public static final String CHECKPOINTS = "_checkpoints";
    /** Folder (under the root) of the saved model artifacts, one folder per trial. */
    public static final String MODEL_FILES = "model-files";
    static final String TRIAL_PREFIX = "trial-";
    static final String RUNG_INFIX = ".rung";
    static final String CHECKPOINT_SUFFIX = ".ckpt";
    static final String SUFFIX = ".parquet";

    private static final BitSet ESCAPED = escapedChars();

    private ResultLayout() {
    }

    /**
     * The root as an absolute URI string without a trailing slash: a value without a scheme is a local path,
     * resolved against the working directory ({@code file:/abs/path}, not percent-encoded, as Hadoop's
     * {@code Path} expects); a value with a scheme (file:, hdfs:, s3a:, ...)
     * is kept.
     */
    public static String normalizeRoot(String root) {
        if (root == null || root.isBlank()) throw new KnetException("the results root is empty; give a folder or a Hadoop URI");
        String trimmed = root.strip();
        String result = hasScheme(trimmed) ? trimmed : localUri(trimmed);
        while (result.endsWith("/") && !result.endsWith(":/") && !result.endsWith("://")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** {@code ROOT/TABLE}. */
    public static String tableDir(String root, String table) {
        return root + "/" + ResultSchema.checkTable(table);
    }

    /** {@code ROOT/TABLE/sweep_id=ID}. */
    public static String partitionDir(String root, String table, String sweepId) {
        return tableDir(root, table) + "/" + ResultSchema.SWEEP_ID + "=" + escape(checkId("sweep id", sweepId));
    }

    /** The file of one trial in {@code trials} or {@code epochs}: {@code ROOT/TABLE/sweep_id=ID/trial-TRIAL.parquet}. */
    public static String trialFile(String root, String table, String sweepId, String trialId) {
        return partitionDir(root, table, sweepId) + "/" + TRIAL_PREFIX + escape(checkId("trial id", trialId)) + SUFFIX;
    }

    /** The file of a trial's rung in {@code rungs} or {@code epochs}: {@code .../trial-TRIAL.rungR.parquet}. */
    public static String rungFile(String root, String table, String sweepId, String trialId, int rung) {
        return partitionDir(root, table, sweepId) + "/" + TRIAL_PREFIX + escape(checkId("trial id", trialId))
                + RUNG_INFIX + rung + SUFFIX;
    }

    /** {@code ROOT/candidates/sweep_id=ID/stage-STAGE.parquet}. */
    public static String candidatesFile(String root, String sweepId, String stage) {
        return partitionDir(root, ResultSchema.CANDIDATES, sweepId) + "/stage-" + escape(stage) + SUFFIX;
    }

    /** {@code ROOT/_checkpoints/sweep_id=ID}. */
    public static String checkpointDir(String root, String sweepId) {
        return root + "/" + CHECKPOINTS + "/" + ResultSchema.SWEEP_ID + "=" + escape(checkId("sweep id", sweepId));
    }

    /** {@code ROOT/_checkpoints/sweep_id=ID/trial-TRIAL.rungR.ckpt}. */
    public static String checkpointFile(String root, String sweepId, String trialId, int rung) {
        return checkpointDir(root, sweepId) + "/" + TRIAL_PREFIX + escape(checkId("trial id", trialId)) + RUNG_INFIX
                + rung + CHECKPOINT_SUFFIX;
    }

    /** {@code trial-ESCAPED.parquet}: the name of a trial's file in {@code trials}, {@code epochs} or {@code models}. */
    static String trialFileName(String escapedTrialId) {
        return TRIAL_PREFIX + escapedTrialId + SUFFIX;
    }

    /** The trial id of an {@code epochs}/{@code trials}/{@code rungs} file name, or null for another name. */
    static String trialIdOfFile(String fileName) {
        if (!fileName.startsWith(TRIAL_PREFIX) || !fileName.endsWith(SUFFIX)) return null;
        String core = fileName.substring(TRIAL_PREFIX.length(), fileName.length() - SUFFIX.length());
        int rung = core.lastIndexOf(RUNG_INFIX);
        return rung >= 0 ? core.substring(0, rung) : core;
    }

    /** {@code ROOT/sweeps/sweep_id=ID/sweep.parquet}. */
    public static String sweepFile(String root, String sweepId) {
        return partitionDir(root, ResultSchema.SWEEPS, sweepId) + "/" + SWEEP_FILE;
    }

    /** {@code ROOT/_compaction/sweep_id=ID}: the work folder of a compaction of the sweep's tables. */
    public static String compactionDir(String root, String sweepId) {
        return root + "/" + COMPACTION + "/" + ResultSchema.SWEEP_ID + "=" + escape(checkId("sweep id", sweepId));
    }

    /** {@code ROOT/model-files/sweep_id=ID/TRIAL}: the folder of a trial's model artifact. */
    public static String modelDir(String root, String sweepId, String trialId) {
        return root + "/" + MODEL_FILES + "/" + ResultSchema.SWEEP_ID + "=" + escape(checkId("sweep id", sweepId)) + "/"
                + escape(checkId("trial id", trialId));
    }

    /** {@code ROOT/_staging}. */
    public static String stagingDir(String root) {
        return root + "/" + STAGING;
    }

    /** {@code value} with the characters Hive and Spark escape in partition values replaced by {@code %XX}. */
    public static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128 && ESCAPED.get(c)) b.append('%').append(String.format("%02X", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /** The inverse of {@link #escape}: {@code %XX} sequences replaced by their characters. */
    public static String unescape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                b.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String checkId(String what, String id) {
        if (id == null || id.isEmpty()) throw new KnetException("empty " + what + " for a result file");
        return id;
    }

    private static boolean hasScheme(String root) {
        int colon = root.indexOf(':');
        if (colon < 2) return false; // no colon, or a Windows drive letter such as C:
        int slash = root.indexOf('/');
        if (slash >= 0 && slash < colon) return false;
        try {
            return URI.create(root).getScheme() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String localUri(String path) {
        try {
            String absolute = Path.of(path).toAbsolutePath().normalize().toString().replace('\\', '/');
            return "file:" + (absolute.startsWith("/") ? "" : "/") + absolute; // not URI-encoded: Hadoop's Path does not decode
        } catch (InvalidPathException e) {
            throw new KnetException("invalid results root '" + path + "': " + e.getReason());
        }
    }

    private static BitSet escapedChars() {
        BitSet set = new BitSet(128);
        for (char c = 1; c < ' '; c++) set.set(c);
        for (char c : "\"#%'*/:=?\\\u007F{[]^".toCharArray()) set.set(c);
        return set;
    }
}
