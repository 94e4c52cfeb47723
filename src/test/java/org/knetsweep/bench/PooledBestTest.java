package org.knetsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PooledBestTest {
    @Test
    void theBestOfTwoFromFourValuesFollowsTheHypergeometricCount() {
        PooledBest p = PooledBest.of(new double[]{3, 1, 4, 2});
        // pairs of {1,2,3,4}: 6; best <= 2 only for {1,2}; best <= 3 for {1,2},{1,3},{2,3}
        assertEquals(1 / 6.0, p.cdf(2, 2), 1e-15);
        assertEquals(3 / 6.0, p.cdf(3, 2), 1e-15);
        assertEquals(0, p.cdf(1.5, 2));
        assertEquals(1, p.cdf(4, 2));
        assertEquals(3, p.quantile(0.5, 2));
        assertEquals(4, p.quantile(0.51, 2));
        assertEquals(2, p.quantile(1 / 6.0, 2));
    }

    @Test
    void oneDrawIsThePoolsOwnQuantileAndAllDrawsItsMaximum() {
        PooledBest p = PooledBest.of(new double[]{5, 1, 3, 2, 4});
        assertEquals(3, p.quantile(0.5, 1));
        assertEquals(1, p.quantile(0.2, 1));
        assertEquals(5, p.quantile(0.01, 5));
        assertEquals(new Quartiles(5, 5, 5, 5), p.bestOf(5));
    }

    @Test
    void tiesCountTogetherAndATrialWithoutAResultIsTheWorst() {
        PooledBest ties = PooledBest.of(new double[]{1, 2, 1, 2});
        assertEquals(1 / 6.0, ties.cdf(1, 2), 1e-15);
        assertEquals(1, ties.quantile(0.1, 2));
        assertEquals(2, ties.quantile(0.2, 2));
        PooledBest failed = PooledBest.of(new double[]{Double.NaN, 0.4, 0.5});
        assertEquals(Double.NEGATIVE_INFINITY, failed.quantile(0.3, 1));
        assertEquals(0.4, failed.quantile(0.5, 1));
        assertEquals(1 / 3.0, failed.cdf(0.3, 1), 1e-15);
    }

    @Test
    void agreesWithDrawingSubsetsOfThePool() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] pool = new double[60];
        for (int i = 0; i < pool.length; i++) pool[i] = Math.round(rng.nextGaussian() * 1000) / 1000.0;
        PooledBest p = PooledBest.of(pool);
        int n = 12;
        int draws = 40_000;
        double[] best = new double[draws];
        for (int d = 0; d < draws; d++) {
            double[] v = pool.clone();
            double b = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) { // a partial Fisher-Yates shuffle: n draws without replacement
                int j = k + rng.nextInt(v.length - k);
                double t = v[k];
                v[k] = v[j];
                v[j] = t;
                b = Math.max(b, v[k]);
            }
            best[d] = b;
        }
        Arrays.sort(best);
        for (double q : new double[]{0.25, 0.5, 0.75}) {
            double v = p.quantile(q, n);
            long atMost = Arrays.stream(best).filter(x -> x <= v).count();
            long below = Arrays.stream(best).filter(x -> x < v).count();
            // v is the smallest pool value whose probability reaches q: the sample agrees within sampling error
            assertTrue(atMost / (double) draws > q - 0.01, "P(best <= " + v + ") for q " + q);
            assertTrue(below / (double) draws < q + 0.01, "P(best < " + v + ") for q " + q);
            assertEquals(p.cdf(v, n), atMost / (double) draws, 0.01);
        }
    }

    @Test
    void refusesMoreDrawsThanThePoolHoldsOrAQuantileOutsideTheUnitInterval() {
        PooledBest p = PooledBest.of(new double[]{1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> p.quantile(0.5, 4));
        assertThrows(IllegalArgumentException.class, () -> p.cdf(1, 0));
        assertThrows(IllegalArgumentException.class, () -> p.quantile(0, 2));
        assertTrue(Double.isNaN(PooledBest.of(new double[0]).quantile(0.5, 1)));
    }
}
