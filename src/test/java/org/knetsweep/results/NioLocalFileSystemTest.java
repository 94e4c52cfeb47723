package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void modeBitsMapToPosixPermissions() {
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), NioLocalFileSystem.posix(0644));
        assertEquals(PosixFilePermissions.fromString("rwxr-x---"), NioLocalFileSystem.posix(0750));
        assertEquals(PosixFilePermissions.fromString("---------"), NioLocalFileSystem.posix(01000));
    }

    @Test
    void storesUseItForFileRootsAndFilesGetTheirChecksumAndPermission() throws Exception {
        FileSystem fs = new Path(dir.toUri()).getFileSystem(StoreConfigurations.of(Map.of()));
        assertInstanceOf(NioLocalFileSystem.class, fs);
        Path file = new Path(dir.resolve("a.bin").toUri());
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(new byte[] {1, 2, 3});
        }
        assertTrue(Files.exists(dir.resolve(".a.bin.crc")), "checksum file");
        fs.setPermission(file, new FsPermission((short) 0640));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(dir.resolve("a.bin")));
        assertEquals(3, fs.getFileStatus(file).getLen());
    }
}
