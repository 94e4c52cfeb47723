package org.knetsweep.sweep;

import java.util.Arrays;

/**
 * Statistics of replicated trials (fresh-seed re-runs of one setting) as pure functions: mean, sample standard
 * deviation and Student-t confidence interval of one setting, and Welch's unequal-variance t-test between two.
 *
 * <p>The Student-t distribution is computed from the regularized incomplete beta function (Numerical Recipes,
 * 2nd ed., sections 6.1 and 6.4: Lanczos log-gamma, {@code betacf} continued fraction):
 * {@code P(|T| > t) = I_x(dof / 2, 1 / 2)} with {@code x = dof / (dof + t^2)}; quantiles by bisection on that tail.
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

    private static final int BISECTION_STEPS = 300;
    /** The continued fraction needs O(sqrt(max(a, b))) terms: enough for a million degrees of freedom. */
    private static final int MAX_TERMS = 10_000;
    private static final double EPS = 1e-15;
    private static final double FPMIN = 1e-300;
    private static final double[] LANCZOS = {76.18009172947146, -86.50532032941677, 24.01409824083091,
            -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5};

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
        double tail = 1 - p; // solve upperTail(t) = tail, which decreases in t: more precise than cdf = p near 1
        if (tail == 0) return Double.POSITIVE_INFINITY;
        double lo = 0;
        double hi = 1;
        while (upperTail(hi, dof) > tail) {
            lo = hi;
            hi *= 2;
            if (Double.isInfinite(hi)) return hi;
        }
        for (int i = 0; i < BISECTION_STEPS && hi - lo > 1e-14 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (upperTail(mid, dof) > tail) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** P(T &gt; t) for t &gt;= 0: half of I_x(dof / 2, 1 / 2), x = dof / (dof + t^2). */
    private static double upperTail(double t, double dof) {
        if (Double.isInfinite(t)) return 0;
        return 0.5 * regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
    }

    /** I_x(a, b), the regularized incomplete beta function (Numerical Recipes {@code betai}). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        // the continued fraction converges quickly for x < (a + 1) / (a + b + 2); otherwise use the symmetry
        if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(x, a, b) / a;
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    /** The continued fraction of I_x(a, b) by the modified Lentz method (Numerical Recipes {@code betacf}). */
    private static double betaContinuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < FPMIN) d = FPMIN;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_TERMS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2)); // even step
            d = 1 + aa * d;
            if (Math.abs(d) < FPMIN) d = FPMIN;
            c = 1 + aa / c;
            if (Math.abs(c) < FPMIN) c = FPMIN;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)); // odd step
            d = 1 + aa * d;
            if (Math.abs(d) < FPMIN) d = FPMIN;
            c = 1 + aa / c;
            if (Math.abs(c) < FPMIN) c = FPMIN;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) return h;
        }
        throw new ArithmeticException("incomplete beta continued fraction did not converge for x=" + x + ", a=" + a
                + ", b=" + b);
    }

    /** ln Gamma(x) for x &gt; 0, Lanczos approximation (Numerical Recipes {@code gammln}, error below 2e-10). */
    static double logGamma(double x) {
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double series = 1.000000000190015;
        double y = x;
        for (double c : LANCZOS) series += c / ++y;
        return -tmp + Math.log(2.5066282746310005 * series / x);
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
