package org.knetsweep.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Median and quartiles of a sample (linear interpolation between order statistics, as NumPy's default), NaNs left
 * out; all NaN when no finite value remains.
 */
public record Quartiles(double q1, double median, double q3, int n) {
    public static Quartiles of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return new Quartiles(Double.NaN, Double.NaN, Double.NaN, 0);
        return new Quartiles(at(v, 0.25), at(v, 0.5), at(v, 0.75), v.length);
    }

    /** The q-quantile of sorted values; +infinity when it reaches into infinite ones. */
    static double at(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        if (pos == lo || sorted[lo] == sorted[hi]) return sorted[lo];
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** e.g. "0.4123 [0.4050, 0.4170]" with {@code decimals} digits. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        if (n == 0) return "-";
        return String.format(Locale.ROOT, f + " [" + f + ", " + f + "]", median, q1, q3);
    }
}
