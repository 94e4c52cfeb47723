package org.knetsweep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10LoaderTest {
    @TempDir
    Path tmp;

    private DataConfig cfg(int validation, int trainLimit, int featureLimit) {
        return new DataConfig("auto", Cifar10SourceTest.NO_URL, "", tmp.resolve("cache").toString(), validation,
                trainLimit, featureLimit);
    }

    private Cifar10Raw raw() {
        return Cifar10Reader.readDirectory(SyntheticCifar.writeBatches(tmp, SyntheticCifar.PER_BATCH));
    }

    /** Identifies each image by (batch, record), stored in its first two pixels. */
    private static List<Integer> ids(ImageSet s) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) ids.add((s.pixel(i, 0) - 1) * SyntheticCifar.PER_BATCH + s.pixel(i, 1));
        return ids;
    }

    @Test
    void splitSizesFollowTheConfig() {
        Cifar10Raw raw = raw();
        DataSplit s = Cifar10Loader.split(raw, cfg(10, 0, 0), 1);
        assertEquals(90, s.train().size());
        assertEquals(10, s.validation().size());
        assertSame(raw.test(), s.test());
        assertEquals(3072, s.features());
        assertEquals(SyntheticCifar.NAMES, s.labelNames());
        DataSplit limited = Cifar10Loader.split(raw, cfg(10, 30, 100), 1);
        assertEquals(30, limited.train().size());
        assertEquals(10, limited.validation().size());
        assertEquals(100, limited.features());
        assertEquals(ids(s.validation()), ids(limited.validation()), "the limit does not change validation");
        assertEquals(ids(s.train()).subList(0, 30), ids(limited.train()));
        assertEquals(0, Cifar10Loader.split(raw, cfg(0, 0, 0), 1).validation().size());
    }

    @Test
    void splitIsDisjointAndCoversAllTrainingImages() {
        DataSplit s = Cifar10Loader.split(raw(), cfg(25, 0, 0), 42);
        Set<Integer> all = new HashSet<>(ids(s.train()));
        all.addAll(ids(s.validation()));
        assertEquals(100, all.size(), "no image twice, none lost");
        Set<Integer> overlap = new HashSet<>(ids(s.train()));
        overlap.retainAll(ids(s.validation()));
        assertTrue(overlap.isEmpty());
        for (int i = 0; i < s.train().size(); i++) {
            int id = ids(s.train()).get(i);
            int batch = id / SyntheticCifar.PER_BATCH + 1;
            int rec = id % SyntheticCifar.PER_BATCH;
            assertEquals(SyntheticCifar.label(batch, rec), s.train().label(i), "labels travel with their images");
            assertEquals(SyntheticCifar.pixel(batch, rec, 3000), s.train().pixel(i, 3000));
        }
    }

    @Test
    void splitIsDeterministicForASeedAndShuffled() {
        Cifar10Raw raw = raw();
        DataSplit a = Cifar10Loader.split(raw, cfg(10, 0, 0), 7);
        DataSplit b = Cifar10Loader.split(raw, cfg(10, 0, 0), 7);
        DataSplit c = Cifar10Loader.split(raw, cfg(10, 0, 0), 8);
        assertArrayEquals(a.train().pixels(), b.train().pixels());
        assertArrayEquals(a.validation().labels(), b.validation().labels());
        assertArrayEquals(a.standardizer().mean(), b.standardizer().mean());
        assertFalse(ids(a.validation()).equals(ids(c.validation())), "another seed gives another split");
        assertFalse(ids(a.validation()).equals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), "indices are shuffled");
    }

    @Test
    void shuffleIsFisherYatesWithSplittableRandom() {
        int[] idx = Cifar10Loader.shuffledIndices(5, 3);
        int[] expected = {0, 1, 2, 3, 4};
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 4; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertArrayEquals(expected, idx);
    }

    @Test
    void standardizedTrainingDataHasZeroMeanAndUnitStd() {
        DataSplit s = Cifar10Loader.split(raw(), cfg(10, 0, 0), 3);
        float[] scale = s.standardizer().scaleF();
        float[] shift = s.standardizer().shiftF();
        int n = s.train().size();
        for (int j = 2; j < s.features(); j += 97) {
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double x = s.train().pixel(i, j) * scale[j] + shift[j];
                sum += x;
                sumSq += x * x;
            }
            double mean = sum / n;
            assertEquals(0.0, mean, 1e-4, "feature " + j);
            assertEquals(1.0, Math.sqrt(sumSq / n - mean * mean), 1e-4, "feature " + j);
        }
    }

    @Test
    void validationAsLargeAsTheDataIsRejected() {
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Loader.split(raw(), cfg(100, 0, 0), 1));
        assertTrue(e.getMessage().contains("knet.data.validation-size") && e.getMessage().contains("100"), e.getMessage());
    }

    @Test
    void cacheReturnsTheSameInstanceForTheSameFolder() {
        Path bins = SyntheticCifar.writeBatches(tmp.resolve("c1"), 2);
        Cifar10Raw a = Cifar10Loader.readCached(bins);
        assertSame(a, Cifar10Loader.readCached(tmp.resolve("c1")), "parent folder resolves to the same key");
        assertSame(a, Cifar10Loader.readCached(bins.resolve("../cifar-10-batches-bin")));
        Path other = SyntheticCifar.writeBatches(tmp.resolve("c2"), 2);
        assertNotSame(a, Cifar10Loader.readCached(other));
    }

    @Test
    void concurrentCallersShareOneRead() throws Exception {
        Path bins = SyntheticCifar.writeBatches(tmp.resolve("conc"), 200);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Cifar10Raw>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++)
                fs.add(pool.submit(() -> {
                    start.await();
                    return Cifar10Loader.readCached(bins);
                }));
            start.countDown();
            Cifar10Raw first = fs.get(0).get();
            for (Future<Cifar10Raw> f : fs) assertSame(first, f.get());
            assertEquals(1000, first.train().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedReadIsNotCached() throws Exception {
        Path bins = SyntheticCifar.writeBatches(tmp.resolve("f"), 2);
        byte[] good = Files.readAllBytes(bins.resolve("data_batch_3.bin"));
        Files.write(bins.resolve("data_batch_3.bin"), new byte[5]);
        assertThrows(KnetException.class, () -> Cifar10Loader.readCached(bins));
        Files.write(bins.resolve("data_batch_3.bin"), good);
        assertEquals(10, Cifar10Loader.readCached(bins).train().size());
    }

    @Test
    void loadResolvesReadsOnceAndSplits() {
        SyntheticCifar.writeBatches(tmp.resolve("cache"), SyntheticCifar.PER_BATCH);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of();
        DataSplit a = Cifar10Loader.load(cfg(10, 0, 0), 5, log, env::get);
        DataSplit b = Cifar10Loader.load(cfg(10, 0, 0), 5, log, env::get);
        assertEquals(90, a.train().size());
        assertSame(a.test(), b.test(), "the second load reuses the JVM's copy");
        assertArrayEquals(a.train().pixels(), b.train().pixels());
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("read from disk in") && out.contains("already in memory in"), out);
        assertTrue(out.contains("90 train / 10 validation / 20 test"), out);
    }
}
