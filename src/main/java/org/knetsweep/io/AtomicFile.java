package org.knetsweep.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a local file so that it is never seen half-written: the content goes to a temporary file beside the target
 * ({@code .NAME.RANDOM.tmp}, in the same folder so the rename stays on one file system), which is then moved onto
 * the target, atomically where the file system can, replacing an older file. If writing fails (or the content
 * throws, e.g. a checksum mismatch) the temporary file is deleted and the target is left as it was.
 *
 * <p>Files of the results root go through Hadoop's file system instead (the results package's staging folder).
 */
public final class AtomicFile {
    /** How the name of a temporary file ends: a file ending so in a folder is a leftover of a killed writer. */
    public static final String TEMP_SUFFIX = ".tmp";

    /** A writer of a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code target} from {@code content} (creating its folder) and returns {@code target}. */
    public static Path write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMP_SUFFIX);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code bytes} to {@code target}. */
    public static Path write(Path target, byte[] bytes) throws IOException {
        return write(target, out -> out.write(bytes));
    }

    /** Writes {@code text} to {@code target} in UTF-8. */
    public static Path writeString(Path target, String text) throws IOException {
        return write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
