package org.knetsweep.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's checksummed local file system ({@code file://}) whose permission changes use java.nio instead of a forked
 * {@code chmod}. Without Hadoop's native library, {@link RawLocalFileSystem} runs {@code chmod} as a child process
 * for every file it creates; a trial creates four (two Parquet files and their checksums), which made most of a
 * tiny trial's overhead (docs/scale.md). The result stores use it for {@code file://} roots
 * ({@link StoreConfigurations}); files, checksums and permissions are the same.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The raw file system: {@code setPermission} through java.nio when the native library is absent. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (NativeIO.isAvailable()) {
                super.setPermission(p, permission);
                return;
            }
            Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
        }
    }

    /** The nine rwx bits of {@code mode} (e.g. 0644) as java.nio permissions; sticky and set-id bits are ignored. */
    static Set<PosixFilePermission> posix(int mode) {
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < order.length; bit++) if ((mode & (1 << bit)) != 0) out.add(order[bit]);
        return out;
    }
}
