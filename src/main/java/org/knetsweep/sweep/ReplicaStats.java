package org.knetsweep.sweep;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Statistics of replicated trials (fresh-seed re-runs of one setting) as pure functions: mean, sample standard
 * deviation and Student-t confidence interval of one setting, and Welch's unequal-variance t-test between two.
 *
 * <p>The Student-t distribution is commons-math3's {@link TDistribution} (the version Spark brings): its cdf is the
 * regularized incomplete beta {@code P(|T| > t) = I_x(dof / 2, 1 / 2)} with {@code x = dof / (dof + t^2)}, its
 * quantile a Brent root search on that cdf. Means, variances and the Welch-Satterthwaite degrees of freedom are
 * computed here, so a zero-variance pair keeps its defined answer instead of the library's exception.
 */
public final class ReplicaStats {
    /** Confidence level of {@link Summary}'s interval. */
    public static final double CONFIDENCE = 0.95;

    /**
     * Summary of n values.
     *
     * @param sd     sample standard deviation (divisor n - 1); NaN when n &lt; 2
     * @param ciLow  lower end of the 95% interval {@code mean - t(0.975, n - 1) * sd / sqrt(n)}; NaN when n &lt; 2
     * @param ciHigh upper end of that interval
     */
    public record Summary(int n, double mean, double sd, double ciLow, double ciHigh) {
    }

    /**
     * Welch's t-test of two samples.
     *
     * @param t               (mean(a) - mean(b)) / sqrt(var(a) / n_a + var(b) / n_b)
     * @param dof             Welch-Satterthwaite degrees of freedom (NaN when both variances are zero)
     * @param pValue          two-sided p-value
     * @param distinguishable {@code pValue < alpha}
     */
    public record Comparison(double t, double dof, double pValue, boolean distinguishable) {
        static final Comparison UNDEFINED = new Comparison(Double.NaN, Double.NaN, Double.NaN, false);
    }

    /** Absolute accuracy of the quantile's root search (the library's default, 1e-9, is coarser than needed). */
    private static final double INVERSE_ABSOLUTE_ACCURACY = 1e-13;

    private ReplicaStats() {
    }

    /** Mean, sample standard deviation and 95% Student-t interval of the values (mean NaN when there are none). */
    public static Summary of(double[] values) {
        int n = values.length;
        double mean = mean(values);
        if (n < 2) return new Summary(n, mean, Double.NaN, Double.NaN, Double.NaN);
        double sd = Math.sqrt(variance(values, mean));
        double half = studentTQuantile(0.5 + CONFIDENCE / 2, n - 1) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, mean - half, mean + half);
    }

    /**
     * Welch's unequal-variance t-test of {@code a} against {@code b}, two-sided. With fewer than two values on either
     * side every field is NaN and the samples are not distinguishable. With both variances zero: different means give
     * {@code t = ±Infinity, p = 0}, equal means {@code t = 0, p = 1}.
     *
     * @param alpha significance level, in (0, 1)
     */
    public static Comparison welch(double[] a, double[] b, double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), not " + alpha);
        if (a.length < 2 || b.length < 2) return Comparison.UNDEFINED;
        double meanA = mean(a);
        double meanB = mean(b);
        double seA = variance(a, meanA) / a.length; // squared standard error of each mean
        double seB = variance(b, meanB) / b.length;
        double diff = meanA - meanB;
        if (seA + seB == 0) {
            if (diff == 0) return new Comparison(0, Double.NaN, 1, false);
            return new Comparison(Math.copySign(Double.POSITIVE_INFINITY, diff), Double.NaN, 0, true);
        }
        double t = diff / Math.sqrt(seA + seB);
        double dof = (seA + seB) * (seA + seB)
                / (seA * seA / (a.length - 1) + seB * seB / (b.length - 1));
        double p = Math.min(1, 2 * upperTail(Math.abs(t), dof));
        return new Comparison(t, dof, p, p < alpha);
    }

    /** P(T &lt;= t) for Student's t with {@code dof} degrees of freedom (any positive real). */
    public static double studentTCdf(double t, double dof) {
        checkDof(dof);
        if (Double.isNaN(t)) return Double.NaN;
        double tail = upperTail(Math.abs(t), dof);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The t with {@code studentTCdf(t, dof) = p}, for p in (0, 1); ±Infinity at p = 1 and 0. */
    public static double studentTQuantile(double p, double dof) {
        checkDof(dof);
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability must be in [0, 1], not " + p);
        if (p == 0.5) return 0;
        if (p < 0.5) return -studentTQuantile(1 - p, dof);
        if (p == 1) return Double.POSITIVE_INFINITY;
        return distribution(dof).inverseCumulativeProbability(p);
    }

    /** P(T &gt; t) for t &gt;= 0, as the lower tail at -t (no cancellation in 1 - cdf near 1). */
    private static double upperTail(double t, double dof) {
        if (Double.isInfinite(t)) return 0;
        return distribution(dof).cumulativeProbability(-t);
    }

    /** Student's t without a random generator (only its cdf and quantile are used). */
    private static TDistribution distribution(double dof) {
        return new TDistribution(null, dof, INVERSE_ABSOLUTE_ACCURACY);
    }

    private static void checkDof(double dof) {
        if (!(dof > 0)) throw new IllegalArgumentException("degrees of freedom must be positive, not " + dof);
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    /** Sample variance about {@code mean} (two-pass, divisor n - 1). */
    private static double variance(double[] values, double mean) {
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        return ss / (values.length - 1);
    }
}
