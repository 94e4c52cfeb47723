package org.knetsweep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10ReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readBatchReturnsLabelsAndPixelsOfEveryRecord() throws IOException {
        Path f = tmp.resolve("b.bin");
        Files.write(f, SyntheticCifar.batchBytes(3, 7));
        ImageSet set = Cifar10Reader.readBatch(f);
        assertEquals(7, set.size());
        for (int r = 0; r < 7; r++) {
            assertEquals(SyntheticCifar.label(3, r), set.label(r));
            for (int j = 0; j < ImageSet.FEATURES; j++)
                assertEquals(SyntheticCifar.pixel(3, r, j), set.pixel(r, j), "record " + r + " pixel " + j);
        }
    }

    @Test
    void readBatchSpanningSeveralChunks() throws IOException {
        Path f = tmp.resolve("big.bin");
        Files.write(f, SyntheticCifar.batchBytes(2, 1100));
        ImageSet set = Cifar10Reader.readBatch(f);
        assertEquals(1100, set.size());
        for (int r : new int[]{0, 511, 512, 1023, 1024, 1099}) {
            assertEquals(SyntheticCifar.label(2, r), set.label(r));
            assertEquals(SyntheticCifar.pixel(2, r, 3071), set.pixel(r, 3071));
            assertEquals(SyntheticCifar.pixel(2, r, 1), set.pixel(r, 1));
        }
    }

    @Test
    void readDirectoryConcatenatesTrainingBatchesInOrder() {
        Path bins = SyntheticCifar.writeBatches(tmp, 20);
        for (Path dir : new Path[]{bins, tmp}) {
            Cifar10Raw raw = Cifar10Reader.readDirectory(dir);
            assertEquals(100, raw.train().size());
            assertEquals(20, raw.test().size());
            for (int i = 0; i < 100; i++) {
                int batch = i / 20 + 1;
                int rec = i % 20;
                assertEquals(batch, raw.train().pixel(i, 0));
                assertEquals(rec, raw.train().pixel(i, 1));
                assertEquals(SyntheticCifar.label(batch, rec), raw.train().label(i));
                assertEquals(SyntheticCifar.pixel(batch, rec, 2000), raw.train().pixel(i, 2000));
            }
            assertEquals(SyntheticCifar.TEST_BATCH, raw.test().pixel(5, 0));
            assertEquals(SyntheticCifar.label(6, 5), raw.test().label(5));
            assertEquals(SyntheticCifar.NAMES, raw.labelNames());
        }
    }

    @Test
    void missingMetaFileGivesDefaultNames() throws IOException {
        Path bins = SyntheticCifar.writeBatches(tmp, 2);
        Files.delete(bins.resolve("batches.meta.txt"));
        assertEquals(Cifar10Reader.DEFAULT_LABEL_NAMES, Cifar10Reader.readDirectory(bins).labelNames());
        assertEquals("airplane", Cifar10Reader.DEFAULT_LABEL_NAMES.get(0));
        assertEquals("truck", Cifar10Reader.DEFAULT_LABEL_NAMES.get(9));
    }

    @Test
    void metaFileWithWrongNumberOfNamesIsRejected() throws IOException {
        Path bins = SyntheticCifar.writeBatches(tmp, 2);
        Files.writeString(bins.resolve("batches.meta.txt"), "a\nb\n");
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Reader.readDirectory(bins));
        assertTrue(e.getMessage().contains("batches.meta.txt") && e.getMessage().contains("2 class names"),
                e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = tmp.resolve("nope.bin");
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Reader.readBatch(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void missingBatchInDirectoryIsNamed() throws IOException {
        Path bins = SyntheticCifar.writeBatches(tmp, 2);
        Files.delete(bins.resolve("data_batch_4.bin"));
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Reader.readDirectory(bins));
        assertTrue(e.getMessage().contains("data_batch_4.bin"), e.getMessage());
    }

    @Test
    void directoryWithoutBatchesIsRejected() {
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Reader.readDirectory(tmp));
        assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
    }

    @Test
    void sizeNotAMultipleOfTheRecordIsRejectedNamingFileAndSize() throws IOException {
        Path f = tmp.resolve("short.bin");
        byte[] b = SyntheticCifar.batchBytes(1, 3);
        Files.write(f, Arrays.copyOf(b, b.length - 5));
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Reader.readBatch(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains((3 * 3073 - 5) + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("3073"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path f = tmp.resolve("empty.bin");
        Files.write(f, new byte[0]);
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Reader.readBatch(f));
        assertTrue(e.getMessage().contains("0 bytes"), e.getMessage());
    }

    @Test
    void labelAboveNineIsRejectedNamingFileAndRecord() throws IOException {
        Path f = tmp.resolve("bad.bin");
        byte[] b = SyntheticCifar.batchBytes(1, 600);
        b[550 * 3073] = 10;
        Files.write(f, b);
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Reader.readBatch(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("record 550"), e.getMessage());
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void labelByteIsReadUnsigned() throws IOException {
        Path f = tmp.resolve("neg.bin");
        byte[] b = SyntheticCifar.batchBytes(1, 2);
        b[3073] = (byte) 200;
        Files.write(f, b);
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Reader.readBatch(f));
        assertTrue(e.getMessage().contains("record 1") && e.getMessage().contains("label 200"), e.getMessage());
    }

    @Test
    void isCompleteRequiresAllSixWholeBatches() throws IOException {
        Path bins = SyntheticCifar.writeBatches(tmp, 2);
        assertTrue(Cifar10Reader.isComplete(bins));
        Files.write(bins.resolve("test_batch.bin"), new byte[10]);
        assertFalse(Cifar10Reader.isComplete(bins));
        Files.delete(bins.resolve("test_batch.bin"));
        assertFalse(Cifar10Reader.isComplete(bins));
    }
}
