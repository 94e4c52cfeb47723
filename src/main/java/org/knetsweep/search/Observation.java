package org.knetsweep.search;

/**
 * A finished trial: its encoded point and its loss (lower is better). A failed or diverged trial has loss
 * {@code Double.POSITIVE_INFINITY}; NaN is taken the same way. The point is copied, so the record stays immutable.
 *
 * @param x    the encoded point, one coordinate per {@link EncodedDim}
 * @param loss the trial's loss, lower is better
 */
public record Observation(double[] x, double loss) {
    public Observation {
        if (x == null) throw new IllegalArgumentException("an observation needs a point");
        x = x.clone();
    }

    /** The point (a copy). */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** True when the loss is a finite number (the trial can count as good). */
    public boolean finite() {
        return Double.isFinite(loss);
    }

    double coordinate(int d) {
        return x[d];
    }
}
