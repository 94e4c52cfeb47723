package org.knetsweep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.TestInputs;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extracts and reads the real archive (skipped when it is missing, except under CI=true: see {@link TestInputs}). */
class Cifar10RealDataTest {
    @TempDir
    Path tmp;

    @Test
    void realArchiveHasFiftyThousandTrainingAndTenThousandTestImages() {
        Path bins = Cifar10Archive.extract(TestInputs.cifarArchive(), tmp);
        assertFalse(Files.exists(bins.resolve("readme.txt")), "only expected members are extracted");
        Cifar10Raw raw = Cifar10Reader.readDirectory(bins);
        assertEquals(50_000, raw.train().size());
        assertEquals(10_000, raw.test().size());
        assertEquals(Cifar10Reader.DEFAULT_LABEL_NAMES, raw.labelNames());
        int[] trainCounts = counts(raw.train());
        int[] testCounts = counts(raw.test());
        for (int c = 0; c < 10; c++) {
            assertTrue(Math.abs(trainCounts[c] - 5000) <= 100, "class " + c + ": " + trainCounts[c]);
            assertTrue(Math.abs(testCounts[c] - 1000) <= 50, "class " + c + ": " + testCounts[c]);
        }
        double mean = 0;
        for (int i = 0; i < 1000; i++) mean += raw.train().pixel(i, 500);
        mean /= 1000;
        assertTrue(mean > 60 && mean < 200, "plausible natural-image pixel mean: " + mean);
    }

    private static int[] counts(ImageSet s) {
        int[] n = new int[10];
        for (int i = 0; i < s.size(); i++) n[s.label(i)]++;
        return n;
    }
}
