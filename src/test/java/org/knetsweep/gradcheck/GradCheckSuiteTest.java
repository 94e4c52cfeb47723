package org.knetsweep.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.GradCheckConfig;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;

class GradCheckSuiteTest {
    static ImageSet images(int n) {
        SplittableRandom rng = new SplittableRandom(5);
        byte[] px = new byte[n * ImageSet.FEATURES];
        byte[] labels = new byte[n];
        for (int i = 0; i < px.length; i++) px[i] = (byte) rng.nextInt(256);
        for (int i = 0; i < n; i++) labels[i] = (byte) rng.nextInt(10);
        return new ImageSet(px, labels);
    }

    @Test
    void fourSettingsPerTwoSeedsWithinTheTargetAndIndependentOfThreads() {
        ImageSet train = images(200);
        GradCheckConfig cfg = new GradCheckConfig(new NetworkConfig(List.of(8, 6), true, InitScheme.HE, 0.1, 0.9, 1e-8),
                0.005, List.of(42L, 8L), 30, 12, 1e-4, "unused.md");
        Standardizer std = Standardizer.fit(train, 12);
        List<GradCheckSetting> one = GradCheckSuite.run(cfg, train, std, 1);
        List<GradCheckSetting> two = GradCheckSuite.run(cfg, train, std, 2);
        assertEquals(4, one.size());
        assertEquals(List.of(42L, 42L, 8L, 8L), one.stream().map(GradCheckSetting::seed).toList());
        assertEquals(List.of(false, true, false, true), one.stream().map(GradCheckSetting::randomSamples).toList());
        assertEquals(one, two);
        assertTrue(GradCheckSuite.overall(one) <= 1e-6, GradCheckSuite.markdown(one));
        assertTrue(GradCheckSuite.forwardDeviation(one) <= GradientCheck.FORWARD_TOLERANCE, GradCheckSuite.markdown(one));
        assertTrue(GradCheckSuite.passes(one, 1e-6));
        String md = GradCheckSuite.markdown(one);
        assertTrue(md.contains("| tensor | entries | max abs diff | max rel error | kinks crossed | forward deviation |"), md);
        assertTrue(md.contains("theta_i + 1e-2, relative to the largest difference plus 1e-4 of the largest loss (at most 1e-9)"), md);
        assertEquals(4, md.split("## Table ").length - 1);
        assertTrue(md.contains("| W1 | 96 |"), md);
        assertTrue(md.strip().endsWith(String.format(java.util.Locale.ROOT, "max relative error: %.3e",
                GradCheckSuite.overall(one))), md);
    }

    @Test
    void randomSamplesAreDistinctAndSeeded() {
        int[] a = GradCheckSuite.randomIndices(1000, 200, 8);
        assertEquals(200, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 0 && i < 1000));
        assertEquals(Arrays.toString(a), Arrays.toString(GradCheckSuite.randomIndices(1000, 200, 8)));
        assertTrue(!Arrays.equals(a, GradCheckSuite.randomIndices(1000, 200, 42)));
    }
}
