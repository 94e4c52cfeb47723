package org.knetsweep.data;

import org.knetsweep.KnetException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 binary format: a batch file is a sequence of 3073-byte records, each one label byte (0-9)
 * followed by the 3072 pixel bytes of one image. Files are read through a channel in large chunks straight into the
 * final arrays, so the 180 MB of the full data set are copied once.
 */
public final class Cifar10Reader {
    /** Bytes per record: one label byte and the 3072 pixel bytes. */
    public static final int RECORD_BYTES = 1 + ImageSet.FEATURES;
    /** Folder name used by the official archive. */
    public static final String BATCHES_FOLDER = "cifar-10-batches-bin";
    /** The five training batches, in the order their records are concatenated. */
    public static final List<String> TRAIN_BATCHES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_BATCH = "test_batch.bin";
    public static final String META_FILE = "batches.meta.txt";
    /** Class names used when batches.meta.txt is absent. */
    public static final List<String> DEFAULT_LABEL_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private static final int CHUNK_RECORDS = 512;

    private Cifar10Reader() {
    }

    /** All six .bin files (training batches then the test batch). */
    public static List<String> batchFiles() {
        List<String> all = new ArrayList<>(TRAIN_BATCHES);
        all.add(TEST_BATCH);
        return List.copyOf(all);
    }

    /** Reads one batch file. */
    public static ImageSet readBatch(Path file) {
        int records = recordCount(file);
        byte[] pixels = new byte[records * ImageSet.FEATURES];
        byte[] labels = new byte[records];
        readInto(file, records, pixels, labels, 0);
        return new ImageSet(pixels, labels);
    }

    /**
     * Reads the five training batches, the test batch and the class names from {@code dir}, which is either the
     * folder holding the .bin files or its parent containing {@code cifar-10-batches-bin/}.
     */
    public static Cifar10Raw readDirectory(Path dir) {
        Path bins = batchFolder(dir);
        if (bins == null)
            throw new KnetException("no CIFAR-10 batches in " + dir + " (expected " + TRAIN_BATCHES.get(0)
                    + " .. " + TEST_BATCH + " there or in " + dir.resolve(BATCHES_FOLDER) + ")");
        ImageSet train = readConcatenated(TRAIN_BATCHES.stream().map(bins::resolve).toList());
        ImageSet test = readBatch(bins.resolve(TEST_BATCH));
        return new Cifar10Raw(train, test, readLabelNames(bins.resolve(META_FILE)));
    }

    /**
     * The folder holding the .bin files: {@code dir} itself if it contains data_batch_1.bin, else
     * {@code dir/cifar-10-batches-bin} if that exists, else null.
     */
    public static Path batchFolder(Path dir) {
        if (Files.isRegularFile(dir.resolve(TRAIN_BATCHES.get(0)))) return dir;
        Path nested = dir.resolve(BATCHES_FOLDER);
        return Files.isDirectory(nested) ? nested : null;
    }

    /** True if {@code bins} holds all six .bin files, each a non-empty whole number of records. */
    public static boolean isComplete(Path bins) {
        for (String name : batchFiles()) {
            Path f = bins.resolve(name);
            try {
                long size = Files.isRegularFile(f) ? Files.size(f) : 0;
                if (size == 0 || size % RECORD_BYTES != 0) return false;
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Class names from batches.meta.txt (non-blank lines, trimmed), or {@link #DEFAULT_LABEL_NAMES} if the file does
     * not exist.
     */
    public static List<String> readLabelNames(Path meta) {
        if (!Files.exists(meta)) return DEFAULT_LABEL_NAMES;
        List<String> names;
        try {
            names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new KnetException("cannot read " + meta + ": " + e.getMessage(), e);
        }
        if (names.size() != ImageSet.CLASSES)
            throw new KnetException(meta + " lists " + names.size() + " class names (expected "
                    + ImageSet.CLASSES + ", one per line)");
        return names;
    }

    private static ImageSet readConcatenated(List<Path> files) {
        int[] counts = files.stream().mapToInt(Cifar10Reader::recordCount).toArray();
        long total = 0;
        for (int c : counts) total += c;
        if (total * ImageSet.FEATURES > Integer.MAX_VALUE - 8)
            throw new KnetException("CIFAR-10 batches in " + files.get(0).getParent() + " hold " + total
                    + " images, too many to load (expected 50000)");
        byte[] pixels = new byte[(int) total * ImageSet.FEATURES];
        byte[] labels = new byte[(int) total];
        int first = 0;
        for (int i = 0; i < files.size(); i++) {
            readInto(files.get(i), counts[i], pixels, labels, first);
            first += counts[i];
        }
        return new ImageSet(pixels, labels);
    }

    /** Number of records in {@code file}, after checking that it exists and is a whole, non-empty number of them. */
    static int recordCount(Path file) {
        if (!Files.isRegularFile(file))
            throw new KnetException("CIFAR-10 batch file not found: " + file);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new KnetException("cannot read CIFAR-10 batch file " + file + ": " + e.getMessage(), e);
        }
        if (size == 0 || size % RECORD_BYTES != 0)
            throw new KnetException("CIFAR-10 batch file " + file + " has " + size
                    + " bytes (expected a non-zero multiple of " + RECORD_BYTES + ", one label byte and "
                    + ImageSet.FEATURES + " pixel bytes per image)");
        long records = size / RECORD_BYTES;
        if (records * ImageSet.FEATURES > Integer.MAX_VALUE - 8)
            throw new KnetException("CIFAR-10 batch file " + file + " has " + size + " bytes, too large to load");
        return (int) records;
    }

    /** Reads {@code records} records of {@code file} into pixels/labels starting at image {@code first}. */
    private static void readInto(Path file, int records, byte[] pixels, byte[] labels, int first) {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_RECORDS * RECORD_BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int done = 0; done < records; ) {
                int n = Math.min(CHUNK_RECORDS, records - done);
                buf.clear().limit(n * RECORD_BYTES);
                while (buf.hasRemaining())
                    if (ch.read(buf) < 0)
                        throw new KnetException("CIFAR-10 batch file " + file + " ended early at record "
                                + (done + buf.position() / RECORD_BYTES) + " (it changed while being read?)");
                splitRecords(file, buf.array(), n, done, pixels, labels, first + done);
                done += n;
            }
        } catch (IOException e) {
            throw new KnetException("cannot read CIFAR-10 batch file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies {@code n} records from {@code chunk} into pixels/labels at image {@code dest}; {@code index} is the
     * index of the first of them within {@code file}, for error messages.
     */
    static void splitRecords(Path file, byte[] chunk, int n, int index, byte[] pixels, byte[] labels, int dest) {
        for (int k = 0; k < n; k++) {
            int off = k * RECORD_BYTES;
            int label = chunk[off] & 0xFF;
            if (label >= ImageSet.CLASSES)
                throw new KnetException("CIFAR-10 batch file " + file + ": record " + (index + k) + " has label "
                        + label + " (expected 0-9)");
            labels[dest + k] = (byte) label;
            System.arraycopy(chunk, off + 1, pixels, (dest + k) * ImageSet.FEATURES, ImageSet.FEATURES);
        }
    }
}
