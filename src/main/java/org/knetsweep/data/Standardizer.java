package org.knetsweep.data;

/**
 * Per-feature standardization x' = (x - mean) / std with statistics of the training set only, applied to the first
 * {@code features()} features. Stored as (scale, shift) so that x' = x * scale + shift is one fused multiply-add.
 */
public record Standardizer(double[] mean, double[] std) {
    public Standardizer {
        if (mean.length != std.length) throw new IllegalArgumentException("mean/std length mismatch");
    }

    public int features() {
        return mean.length;
    }

    /** Statistics of the first {@code features} features over all rows of {@code train} (population std). */
    public static Standardizer fit(ImageSet train, int features) {
        int n = train.size();
        if (n == 0) throw new IllegalArgumentException("cannot standardize an empty training set");
        if (features > train.width())
            throw new IllegalArgumentException(features + " features of rows " + train.width() + " wide");
        double[] mean = new double[features];
        double[] std = new double[features];
        if (train.isBytes()) fitBytes(train, features, mean, std);
        else fitFloats(train, features, mean, std);
        for (int j = 0; j < features; j++)
            if (std[j] < 1e-8) std[j] = 1.0; // a constant feature: centre it, do not blow it up
        return new Standardizer(mean, std);
    }

    /** Exact integer sums of the byte values and their squares. */
    private static void fitBytes(ImageSet train, int features, double[] mean, double[] std) {
        int n = train.size();
        int width = train.width();
        long[] sum = new long[features];
        long[] sumSq = new long[features];
        byte[] px = train.pixels();
        for (int i = 0; i < n; i++) {
            int off = i * width;
            for (int j = 0; j < features; j++) {
                int v = px[off + j] & 0xFF;
                sum[j] += v;
                sumSq[j] += (long) v * v;
            }
        }
        for (int j = 0; j < features; j++) {
            mean[j] = (double) sum[j] / n;
            double var = (double) sumSq[j] / n - mean[j] * mean[j];
            std[j] = Math.sqrt(Math.max(var, 0.0));
        }
    }

    /** Two passes in double, in row order (deterministic): the mean, then the mean squared deviation. */
    private static void fitFloats(ImageSet train, int features, double[] mean, double[] std) {
        int n = train.size();
        int width = train.width();
        float[] v = train.values();
        double[] sum = new double[features];
        for (int i = 0; i < n; i++) {
            int off = i * width;
            for (int j = 0; j < features; j++) sum[j] += v[off + j];
        }
        for (int j = 0; j < features; j++) mean[j] = sum[j] / n;
        double[] sq = new double[features];
        for (int i = 0; i < n; i++) {
            int off = i * width;
            for (int j = 0; j < features; j++) {
                double d = v[off + j] - mean[j];
                sq[j] += d * d;
            }
        }
        for (int j = 0; j < features; j++) std[j] = Math.sqrt(sq[j] / n);
    }

    /** scale[j] = 1 / std[j], as float. */
    public float[] scaleF() {
        float[] s = new float[mean.length];
        for (int j = 0; j < s.length; j++) s[j] = (float) (1.0 / std[j]);
        return s;
    }

    /** shift[j] = -mean[j] / std[j], as float. */
    public float[] shiftF() {
        float[] s = new float[mean.length];
        for (int j = 0; j < s.length; j++) s[j] = (float) (-mean[j] / std[j]);
        return s;
    }
}
