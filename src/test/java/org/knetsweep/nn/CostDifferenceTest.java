package org.knetsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.NetworkConfig;

class CostDifferenceTest {
    /**
     * For every entry of every parameter: the difference pass at step t against two forward passes of the network,
     * per sample, relative to the largest per-sample difference.
     */
    private static double worstDeviation(NetworkConfig cfg, long seed, double t) {
        GradientCheckTest.Setup s = GradientCheckTest.Setup.of(cfg, 30, 9, seed);
        s.net().forwardTrain(s.ws(), s.labels(), 0, false);
        s.ws().freezeActivations();
        CostDifference diff = new CostDifference(s.net(), s.ws(), s.labels(), 0);
        double[] base = diff.baseLosses();
        double[] dl = new double[30];
        double worst = 0;
        for (Map.Entry<String, Mat> e : s.net().parameters().entrySet()) {
            Mat p = e.getValue();
            for (int i = 0; i < p.size(); i++) {
                double v = p.get(i);
                p.set(i, v + t);
                s.net().forwardTrain(s.ws(), s.labels(), 0, false);
                p.set(i, v);
                diff.lossDifferences(e.getKey(), i, (v + t) - v, dl);
                double dev = 0;
                double scale = 0;
                for (int j = 0; j < dl.length; j++) {
                    dev = Math.max(dev, Math.abs(s.ws().losses[j] - base[j] - dl[j]));
                    scale = Math.max(scale, Math.abs(dl[j]));
                }
                assertTrue(scale > 0 || dev == 0, e.getKey() + "[" + i + "]");
                if (scale > 0) worst = Math.max(worst, dev / scale);
            }
        }
        return worst;
    }

    @Test
    void equalsTheForwardPassDifferenceWithBatchNorm() {
        NetworkConfig cfg = GradientCheckTest.net(true, 7, 6, 5);
        // the forward passes' round-off (~1e-15 per sample) over differences of ~1e-3 (t = 0.1) or ~1e-5 (t = 1e-3)
        assertTrue(worstDeviation(cfg, 5, 0.1) < 1e-11);
        assertTrue(worstDeviation(cfg, 6, 1e-3) < 1e-9);
    }

    @Test
    void equalsTheForwardPassDifferenceWithoutBatchNorm() {
        NetworkConfig cfg = GradientCheckTest.net(false, 7, 6, 5);
        assertTrue(worstDeviation(cfg, 5, 0.1) < 1e-11);
        assertTrue(worstDeviation(cfg, 6, 1e-3) < 1e-9);
    }

    @Test
    void largeStepsFollowTheFrozenPatternLikeTheForwardPass() {
        // t = 1 moves many units across their kinks; both keep the frozen pattern, so they still agree
        assertTrue(worstDeviation(GradientCheckTest.net(true, 7, 6), 2, 1.0) < 1e-11);
    }

    @Test
    void isExactForTinySteps() {
        // the centered difference (dl(+t) - dl(-t)) / 2t stays accurate where two forward passes would cancel to
        // noise (their round-off over 2t is ~1e-4 at t = 1e-12): below t = 1e-6 (truncation error ~1e-12) it is
        // the same slope to 1e-10 over six orders of magnitude
        GradientCheckTest.Setup s = GradientCheckTest.Setup.of(GradientCheckTest.net(true, 7, 6, 5), 30, 9, 7);
        s.net().forwardTrain(s.ws(), s.labels(), 0, false);
        s.ws().freezeActivations();
        CostDifference diff = new CostDifference(s.net(), s.ws(), s.labels(), 0);
        double[] plus = new double[30];
        double[] minus = new double[30];
        double previous = Double.NaN;
        for (double t = 1e-6; t >= 1e-12; t /= 10) {
            diff.lossDifferences("W1", 3, t, plus);
            diff.lossDifferences("W1", 3, -t, minus);
            double slope = 0;
            for (int j = 0; j < 30; j++) slope += (plus[j] - minus[j]) / (2 * t);
            if (!Double.isNaN(previous)) assertEquals(previous, slope, 1e-10 * Math.abs(previous), "t = " + t);
            previous = slope;
        }
    }

    @Test
    void aForwardPassItDoesNotModelShowsAsDeviation() {
        // the pass keeps the base point's values; a network whose forward pass computes something else (here: a
        // parameter changed behind its back) disagrees with it by far more than FORWARD_TOLERANCE
        GradientCheckTest.Setup s = GradientCheckTest.Setup.of(GradientCheckTest.net(true, 7, 6), 30, 9, 4);
        s.net().forwardTrain(s.ws(), s.labels(), 0, false);
        s.ws().freezeActivations();
        CostDifference diff = new CostDifference(s.net(), s.ws(), s.labels(), 0);
        double[] base = diff.baseLosses();
        Mat gamma = s.net().parameters().get("gamma2");
        gamma.set(0, gamma.get(0) * (1 + 1e-6));
        Mat w = s.net().parameters().get("W1");
        double v = w.get(5);
        w.set(5, v + 1e-2);
        s.net().forwardTrain(s.ws(), s.labels(), 0, false);
        double[] dl = new double[30];
        diff.lossDifferences("W1", 5, (v + 1e-2) - v, dl);
        double dev = 0;
        double scale = 0;
        for (int j = 0; j < 30; j++) {
            dev = Math.max(dev, Math.abs(s.ws().losses[j] - base[j] - dl[j]));
            scale = Math.max(scale, Math.abs(dl[j]));
        }
        assertTrue(dev / scale > 1e-6, dev / scale + "");
    }

    @Test
    void countsSignFlipsAgainstTheFrozenPattern() {
        GradientCheckTest.Setup s = GradientCheckTest.Setup.of(GradientCheckTest.net(true, 7), 30, 9, 3);
        s.net().forwardTrain(s.ws(), s.labels(), 0, false);
        s.ws().freezeActivations();
        CostDifference diff = new CostDifference(s.net(), s.ws(), s.labels(), 0);
        double[] dl = new double[30];
        for (double t : new double[] {1e-3, 0.5, -2.0}) {
            int flips = diff.lossDifferences("beta1", 2, t, dl);
            s.net().parameters().get("beta1").set(2, s.net().parameters().get("beta1").get(2) + t);
            s.net().forwardTrain(s.ws(), s.labels(), 0, false);
            s.net().parameters().get("beta1").set(2, s.net().parameters().get("beta1").get(2) - t);
            assertEquals(s.ws().kinks(), flips, "t = " + t);
        }
    }

    @Test
    void rejectsUnknownParametersAndEntries() {
        GradientCheckTest.Setup s = GradientCheckTest.Setup.of(GradientCheckTest.net(true, 7), 10, 9, 3);
        assertThrows(IllegalStateException.class, () -> new CostDifference(s.net(), s.ws(), s.labels(), 0));
        s.net().forwardTrain(s.ws(), s.labels(), 0, false);
        s.ws().freezeActivations();
        CostDifference diff = new CostDifference(s.net(), s.ws(), s.labels(), 0);
        double[] dl = new double[10];
        for (String name : List.of("b1", "gamma2", "W3", "W0", "W", "x1", "1")) {
            assertThrows(IllegalArgumentException.class, () -> diff.lossDifferences(name, 0, 1e-3, dl), name);
        }
        assertThrows(IllegalArgumentException.class, () -> diff.lossDifferences("W1", 63, 1e-3, dl));
        assertThrows(IllegalArgumentException.class, () -> diff.lossDifferences("beta1", 7, 1e-3, dl));
        assertEquals(0, diff.lossDifferences("W1", 62, 0.0, dl));
        for (double v : dl) assertEquals(0.0, v);
    }
}
