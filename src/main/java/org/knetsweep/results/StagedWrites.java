package org.knetsweep.results;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

/**
 * The {@link ResultStore}'s write protocol: every file is written to {@code ROOT/_staging/sweep_id=ID/NAME.UUID...}
 * and then renamed into place, replacing an existing file of the same name, so that no reader ever sees it
 * half-written. Leftovers of killed writers are deleted by the next write of the same name, or by
 * {@link #clean(Duration)} once old enough; the empty folders by {@link #deleteEmptyFolders} when the sweep ends.
 */
final class StagedWrites {
    private static final int RENAME_ATTEMPTS = 3;

    private final ResultStore store;

    StagedWrites(ResultStore store) {
        this.store = store;
    }

    /** {@code ROOT/_staging/sweep_id=ID}: the staging folder of one sweep's files. */
    Path stagingDir(String sweepId) {
        return new Path(ResultLayout.stagingDir(store.root()) + "/" + ResultSchema.SWEEP_ID + "="
                + ResultLayout.escape(sweepId));
    }

    /** A new staging file of the sweep: {@code ROOT/_staging/sweep_id=ID/NAME.UUID.parquet}. */
    Path staged(String sweepId, String name) {
        return new Path(stagingDir(sweepId), name + "." + UUID.randomUUID() + ResultLayout.SUFFIX);
    }

    /** Deletes the sweep's staging files whose names start with {@code prefix}: leftovers of interrupted writes. */
    void deleteStaged(String sweepId, String prefix) {
        Path dir = stagingDir(sweepId);
        try {
            FileSystem fs = store.fs(dir);
            if (!fs.exists(dir)) return;
            for (FileStatus status : fs.listStatus(dir)) {
                if (status.isFile() && status.getPath().getName().startsWith(prefix)) fs.delete(status.getPath(), false);
            }
        } catch (IOException e) {
            throw ResultStore.failure("clean the staging folder", dir, e);
        }
    }

    /** A write of files into the staging folder. */
    interface StagedWrite {
        void run() throws IOException;
    }

    /**
     * Runs {@code write}, which creates {@code staged} (a file or folder of the staging folder with its parent
     * folders), and runs it once more when it failed because that folder vanished meanwhile: a sweep that finished
     * just then removed {@code ROOT/_staging}, empty at that moment ({@link #deleteEmptyFolders}), between this
     * writer's creation of {@code _staging} and of its sweep's folder under it.
     */
    void stage(Path staged, StagedWrite write) throws IOException {
        try {
            write.run();
        } catch (IOException e) {
            if (store.fs(staged).exists(staged.getParent())) throw e;
            write.run();
        }
    }

    /** Writes {@code rows} to {@code staged}, then renames it to {@code target}; the staging file is removed on failure. */
    void writeFile(String table, Path target, Path staged, List<Group> rows) {
        MessageType schema = ResultSchema.parquet(table);
        try {
            stage(staged, () -> ParquetFiles.write(store.conf(), staged, schema, rows));
            store.beforeCommit(table, target);
            replace(staged, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(staged);
            throw ResultStore.failure("write the " + table + " file", target, e);
        }
    }

    /**
     * Renames {@code staged} to {@code target}, deleting an existing target first. Retried a few times because a
     * concurrent attempt of the same trial (speculative execution) may put its file there in between.
     */
    void replace(Path staged, Path target) throws IOException {
        FileSystem fs = store.fs(target);
        for (int attempt = 1; attempt <= RENAME_ATTEMPTS; attempt++) {
            fs.mkdirs(target.getParent()); // again on a retry: another sweep may have removed an empty parent
            if (fs.exists(target)) fs.delete(target, false);
            if (fs.rename(staged, target)) return;
        }
        throw new IOException("rename of " + staged + " to " + target + " failed " + RENAME_ATTEMPTS + " times");
    }

    void deleteQuietly(Path path) {
        try {
            store.fs(path).delete(path, false);
        } catch (IOException | RuntimeException ignored) {
            // best effort: clean() removes leftovers later
        }
    }

    /**
     * Deletes the sweep's staging folder if it is empty, then {@code ROOT/_staging} if that is empty too: called when
     * the sweep has completed, so that it leaves no empty folder behind. The folders of other sweeps (and the parent
     * while it holds any) are not touched, and a folder a writer has just put something into is kept; a writer of
     * another sweep that loses its just-created folder this way writes again ({@link #stage}).
     */
    void deleteEmptyFolders(String sweepId) {
        Path dir = stagingDir(sweepId);
        try {
            FileSystem fs = store.fs(dir);
            if (EmptyFolders.delete(fs, dir)) EmptyFolders.delete(fs, dir.getParent());
        } catch (IOException e) {
            throw ResultStore.failure("delete the empty staging folder", dir, e);
        }
    }

    /**
     * Deletes staging files at least {@code minAge} old; {@link Duration#ZERO} deletes all of them, including those of
     * writers still running, so use it only when nothing writes under the root.
     *
     * @return the number of files deleted
     */
    int clean(Duration minAge) {
        Path dir = new Path(ResultLayout.stagingDir(store.root()));
        long cutoff = System.currentTimeMillis() - minAge.toMillis();
        int deleted = 0;
        try {
            FileSystem fs = store.fs(dir);
            if (!fs.exists(dir)) return 0;
            // files, not folders: object stores report no modification time for a folder
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
            List<Path> old = new ArrayList<>();
            while (files.hasNext()) {
                LocatedFileStatus status = files.next();
                if (status.getModificationTime() <= cutoff) old.add(status.getPath());
            }
            for (Path p : old) if (fs.delete(p, false)) deleted++;
        } catch (IOException e) {
            throw ResultStore.failure("clean the staging folder", dir, e);
        }
        return deleted;
    }
}
