package org.knetsweep.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoodBadSplitTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void goodCountIsTheCeilingOfTheQuantileCappedAtMaxGood() {
        assertEquals(1, GoodBadSplit.goodCount(1, 0.1, 25));
        assertEquals(1, GoodBadSplit.goodCount(10, 0.1, 25));
        assertEquals(2, GoodBadSplit.goodCount(11, 0.1, 25));
        assertEquals(3, GoodBadSplit.goodCount(30, 0.1, 25));
        assertEquals(25, GoodBadSplit.goodCount(1000, 0.1, 25));
        assertEquals(0, GoodBadSplit.goodCount(0, 0.1, 25));
    }

    @Test
    void infiniteAndNanLossesAreNeverGood() {
        double[] losses = {INF, 0.9, INF, 0.5, Double.NaN, INF, INF, INF, INF, INF, INF, INF, INF, INF, INF, INF,
                INF, INF, INF, INF, INF, INF, INF, INF, INF, INF, INF, INF, INF, INF};
        // 30 observations: ceil(3) good wanted, only 2 finite
        boolean[] good = GoodBadSplit.good(losses, 0.1, 25);
        boolean[] expected = new boolean[30];
        expected[1] = true;
        expected[3] = true;
        assertArrayEquals(expected, good);
        assertArrayEquals(new boolean[4], GoodBadSplit.good(new double[]{INF, INF, Double.NaN, INF}, 0.5, 25));
    }

    @Test
    void theLowestLossesAreGoodAndTiesGoToTheEarlierTrial() {
        double[] losses = {0.3, 0.1, 0.2, 0.1, 0.5, 0.1, 0.9, 0.8, 0.7, 0.6, 0.4, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95,
                1, 2, 3};
        // 20 observations, quantile 0.1: 2 good, three tied at 0.1: trials 1 and 3 win
        boolean[] good = GoodBadSplit.good(losses, 0.1, 25);
        boolean[] expected = new boolean[20];
        expected[1] = true;
        expected[3] = true;
        assertArrayEquals(expected, good);
        // max-good caps: quantile 0.5 would take 10
        boolean[] capped = GoodBadSplit.good(losses, 0.5, 3);
        expected[5] = true;
        assertArrayEquals(expected, capped);
    }
}
