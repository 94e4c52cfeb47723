package org.knetsweep.results;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Deletes a folder only while it is empty, in one step of the file system, so that a folder another writer has just
 * put something into is left alone: a local folder with the {@code rmdir} of java.nio (Hadoop's local delete lists the
 * folder and then deletes it recursively, which could take a file created in between with it), any other file system
 * with its non-recursive delete, which refuses a folder that is not empty (HDFS, S3A).
 */
final class EmptyFolders {
    private EmptyFolders() {
    }

    /**
     * Deletes {@code dir} if it exists and is empty.
     *
     * @return true when it was deleted
     */
    static boolean delete(FileSystem fs, Path dir) throws IOException {
        FileSystem raw = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        if (raw instanceof RawLocalFileSystem local) {
            File file = local.pathToFile(dir);
            try {
                if (!file.isDirectory()) return false;
                Files.delete(file.toPath());
                return true;
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return false;
            }
        }
        try {
            if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory() || fs.listStatus(dir).length > 0) return false;
            return fs.delete(dir, false);
        } catch (PathIsNotEmptyDirectoryException | java.io.FileNotFoundException e) {
            return false;
        }
    }
}
