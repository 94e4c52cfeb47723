package org.knetsweep.results;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The {@link ResultStore}'s training checkpoints of successive-halving rungs ({@code ROOT/_checkpoints}). */
final class CheckpointFiles {
    private final ResultStore store;

    CheckpointFiles(ResultStore store) {
        this.store = store;
    }

    /** Stores the training checkpoint of a trial at the end of a rung (replacing an earlier attempt's). */
    void write(String sweepId, String trialId, int rung, byte[] bytes) {
        Path target = new Path(ResultLayout.checkpointFile(store.root(), sweepId, trialId, rung));
        String name = ResultStore.TRIAL_STAGING_PREFIX + ResultLayout.escape(trialId) + ".rung" + rung + ".ckpt.";
        Path staged = new Path(store.staging().stagingDir(sweepId), name + UUID.randomUUID());
        try {
            FileSystem fs = store.fs(staged);
            store.staging().stage(staged, () -> {
                try (var out = fs.create(staged, true)) {
                    out.write(bytes);
                }
            });
            store.staging().replace(staged, target);
        } catch (IOException | RuntimeException e) {
            store.staging().deleteQuietly(staged);
            throw ResultStore.failure("write the checkpoint", target, e);
        }
    }

    /** The bytes of a trial's checkpoint at the end of a rung, or empty when there is none. */
    Optional<byte[]> read(String sweepId, String trialId, int rung) {
        Path path = new Path(ResultLayout.checkpointFile(store.root(), sweepId, trialId, rung));
        try {
            FileSystem fs = store.fs(path);
            if (!fs.exists(path)) return Optional.empty();
            try (var in = fs.open(path)) {
                return Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw ResultStore.failure("read the checkpoint", path, e);
        }
    }

    /**
     * Deletes the checkpoints of the sweep's trials whose ids start with {@code trialIdPrefix} (e.g. "coarse-"),
     * once their stage is done.
     *
     * @return the number of files deleted
     */
    int delete(String sweepId, String trialIdPrefix) {
        Path dir = new Path(ResultLayout.checkpointDir(store.root(), sweepId));
        String prefix = ResultLayout.TRIAL_PREFIX + ResultLayout.escape(trialIdPrefix);
        int deleted = 0;
        try {
            FileSystem fs = store.fs(dir);
            if (!fs.exists(dir)) return 0;
            for (FileStatus status : fs.listStatus(dir)) {
                if (status.isFile() && status.getPath().getName().startsWith(prefix)
                        && fs.delete(status.getPath(), false)) deleted++;
            }
            if (EmptyFolders.delete(fs, dir)) EmptyFolders.delete(fs, dir.getParent()); // no empty _checkpoints left
        } catch (IOException e) {
            throw ResultStore.failure("delete checkpoints in", dir, e);
        }
        return deleted;
    }
}
