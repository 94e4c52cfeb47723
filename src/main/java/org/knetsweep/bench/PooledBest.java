package org.knetsweep.bench;

import java.util.Arrays;

/**
 * The distribution of the best of n random-search trials, estimated from a pool of M such trials (all the trials of
 * every seed of random search, which are independent draws of the same distribution). The best of n trials drawn
 * without replacement from the pool is at most the i-th smallest value with probability C(i, n) / C(M, n); its median
 * is the smallest pool value where that reaches one half. This is the estimator of "expected validation performance"
 * (Dodge et al. 2019, "Show your work"), with the median in place of the mean and drawn without replacement.
 *
 * <p>Why: the median of K runs' bests, the other estimate of the same quantity, uses K values (one per run) and moves
 * by as much as two search methods differ when K is 5; the pooled estimate uses every trial of every run.
 * A failed or diverged trial (NaN) counts as the worst value.
 */
public final class PooledBest {
    private final double[] sorted;

    private PooledBest(double[] sorted) {
        this.sorted = sorted;
    }

    /** The pool of trial values; NaN for a trial without a result. */
    public static PooledBest of(double[] values) {
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) if (Double.isNaN(v[i])) v[i] = Double.NEGATIVE_INFINITY;
        Arrays.sort(v);
        return new PooledBest(v);
    }

    /** The number of trials in the pool. */
    public int size() {
        return sorted.length;
    }

    /**
     * P(the best of n trials drawn without replacement is at most v): C(i, n) / C(M, n), with i the pool values
     * at most v.
     */
    public double cdf(double v, int n) {
        checkN(n);
        int i = 0;
        while (i < sorted.length && sorted[i] <= v) i++;
        return choose(i, n);
    }

    /**
     * The q-quantile of the best of n: the smallest pool value whose {@link #cdf} is at least q (NaN for an empty
     * pool, -infinity when it is a trial without a result).
     */
    public double quantile(double q, int n) {
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("quantile " + q + " is not in (0, 1]");
        checkN(n);
        if (sorted.length == 0) return Double.NaN;
        for (int i = n; i <= sorted.length; i++) {
            // every value equal to sorted[i - 1] counts: step over ties
            if (i < sorted.length && sorted[i] == sorted[i - 1]) continue;
            if (choose(i, n) >= q) return sorted[i - 1];
        }
        return sorted[sorted.length - 1];
    }

    /** Median and quartiles of the best of n. */
    public Quartiles bestOf(int n) {
        return new Quartiles(quantile(0.25, n), quantile(0.5, n), quantile(0.75, n), sorted.length);
    }

    private void checkN(int n) {
        if (n < 1 || n > Math.max(1, sorted.length)) {
            throw new IllegalArgumentException("best of " + n + " from a pool of " + sorted.length + " trials");
        }
    }

    /** C(i, n) / C(M, n) = prod_{j<n} (i - j) / (M - j): the chance that n draws all fall among the i lowest. */
    private double choose(int i, int n) {
        if (i < n) return 0;
        double p = 1;
        for (int j = 0; j < n; j++) p *= (double) (i - j) / (sorted.length - j);
        return p;
    }
}
