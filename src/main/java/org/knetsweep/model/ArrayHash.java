package org.knetsweep.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.knetsweep.KnetException;

/**
 * The SHA-256 of a model's array files, recorded in the manifest when a model is saved and checked when it is read:
 * a file changed after saving (a flipped bit on disk, a bad copy) is found whether or not Hadoop's hidden
 * {@code .crc} files travelled with the folder.
 */
final class ArrayHash {
    private ArrayHash() {
    }

    /** SHA-256 of {@code bytes} as 64 lower-case hex digits. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * Checks {@code bytes}, the content of {@code entry}'s file, against the hash the manifest records (nothing to
     * check when it records none).
     *
     * @param where the model's folder, for the message
     * @throws KnetException naming the folder and the file on a mismatch
     */
    static void check(String where, ArrayEntry entry, byte[] bytes) {
        if (entry.sha256() == null) return;
        String actual = sha256(bytes);
        if (!actual.equals(entry.sha256()))
            throw new KnetException("model " + where + ": " + entry.file() + " is corrupted: its SHA-256 is "
                    + actual.substring(0, 12) + "..., the manifest records " + entry.sha256().substring(0, 12)
                    + "... (changed after the model was saved; copy the model folder again)");
    }
}
