package org.knetsweep.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a lock file, both between threads of this JVM and between processes on the same host (e.g.
 * several Spark executors extracting into one cache folder). The lock file is created if needed and never deleted.
 * Where the file system does not support locks, only threads of this JVM are excluded. Not reentrant across
 * nesting on the same file. Package-private.
 */
final class PathLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private PathLocks() {
    }

    /** An action that may throw IOException. */
    interface IoAction<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} while holding the lock on {@code lockFile} (whose folder must exist). */
    static <T> T withLock(Path lockFile, IoAction<T> action) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock fileLock = tryFileLock(ch);
            try {
                return action.run();
            } finally {
                if (fileLock != null) fileLock.release();
            }
        } finally {
            local.unlock();
        }
    }

    private static FileLock tryFileLock(FileChannel ch) {
        try {
            return ch.lock();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // e.g. a network file system without locking: threads of this JVM are still excluded
        }
    }
}
