package org.knetsweep.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Test helper: writes fake CIFAR-10 batches whose every byte is a known function of (batch, record, feature), and
 * .tar.gz archives of them through a minimal ustar writer.
 * Batches 1..5 are the training batches, batch 6 is test_batch.bin. Pixel 0 of each image is its batch number and
 * pixel 1 its record index, so images are identifiable; the other pixels are pseudo-random.
 */
final class SyntheticCifar {
    static final int PER_BATCH = 20;
    static final int TEST_BATCH = 6;
    static final List<String> NAMES = List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9");

    private SyntheticCifar() {
    }

    static int label(int batch, int record) {
        return (batch * 3 + record) % 10;
    }

    static int pixel(int batch, int record, int j) {
        if (j == 0) return batch;
        if (j == 1) return record & 0xFF;
        long z = batch * 0x9E3779B97F4A7C15L + record * 0xBF58476D1CE4E5B9L + j * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 31)) * 0xD6E8FEB86CA6B4C5L;
        return (int) ((z ^ (z >>> 29)) & 0xFF);
    }

    static String fileName(int batch) {
        return batch == TEST_BATCH ? "test_batch.bin" : "data_batch_" + batch + ".bin";
    }

    /** The bytes of a batch file with {@code records} records. */
    static byte[] batchBytes(int batch, int records) {
        byte[] b = new byte[records * Cifar10Reader.RECORD_BYTES];
        for (int r = 0; r < records; r++) {
            int off = r * Cifar10Reader.RECORD_BYTES;
            b[off] = (byte) label(batch, r);
            for (int j = 0; j < 3072; j++) b[off + 1 + j] = (byte) pixel(batch, r, j);
        }
        return b;
    }

    static byte[] metaBytes() {
        return (String.join("\n", NAMES) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code parent/cifar-10-batches-bin/} with six batches of {@code perBatch} records and the meta file. */
    static Path writeBatches(Path parent, int perBatch) {
        Path bins = parent.resolve("cifar-10-batches-bin");
        try {
            Files.createDirectories(bins);
            for (int b = 1; b <= TEST_BATCH; b++) Files.write(bins.resolve(fileName(b)), batchBytes(b, perBatch));
            Files.write(bins.resolve("batches.meta.txt"), metaBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bins;
    }

    /** One tar entry: name, content and type flag ('0' file, '5' directory, 'L' GNU long name, 'x' pax). */
    record Entry(String name, byte[] data, char type, String prefix, boolean badChecksum) {
        static Entry file(String name, byte[] data) {
            return new Entry(name, data, '0', "", false);
        }
    }

    /** The entries of a CIFAR-10 binary archive (with a directory entry and readme.txt, like the real one). */
    static List<Entry> cifarEntries(int perBatch) {
        List<Entry> es = new ArrayList<>();
        es.add(new Entry("cifar-10-batches-bin/", new byte[0], '5', "", false));
        es.add(Entry.file("cifar-10-batches-bin/readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        es.add(Entry.file("cifar-10-batches-bin/batches.meta.txt", metaBytes()));
        for (int b = 1; b <= TEST_BATCH; b++)
            es.add(Entry.file("cifar-10-batches-bin/" + fileName(b), batchBytes(b, perBatch)));
        return es;
    }

    static Path writeArchive(Path file, int perBatch) {
        return writeArchive(file, cifarEntries(perBatch));
    }

    static Path writeArchive(Path file, List<Entry> entries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, gzip(tar(entries)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** A tar stream: each entry's header and data padded to 512 bytes, then two zero blocks. */
    static byte[] tar(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry e : entries) {
            out.writeBytes(header(e));
            out.writeBytes(e.data());
            out.writeBytes(new byte[(512 - e.data().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    static byte[] header(Entry e) {
        byte[] h = new byte[512];
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", e.data().length));
        put(h, 136, "00000000000");
        h[156] = (byte) e.type();
        put(h, 257, "ustar");
        put(h, 263, "00");
        byte[] prefix = e.prefix().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, h, 345, prefix.length);
        for (int i = 148; i < 156; i++) h[i] = ' ';
        long sum = 0;
        for (byte b : h) sum += b & 0xFF;
        if (e.badChecksum()) sum += 1;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
