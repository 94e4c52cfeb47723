package org.knetsweep.train;

/**
 * Triangular cyclical learning rate (Smith 2017, "Cyclical learning rates for training neural networks").
 * Within each cycle of 2 n_s steps the rate climbs linearly from eta_min to eta_max over n_s steps, then falls back:
 * <pre>
 *   t = step mod 2 n_s
 *   eta(t) = eta_min + t / n_s * (eta_max - eta_min)            for 0 <= t < n_s
 *   eta(t) = eta_max - (t - n_s) / n_s * (eta_max - eta_min)    for n_s <= t < 2 n_s
 * </pre>
 */
public record TriangularClr(double etaMin, double etaMax, int stepSize) {
    public TriangularClr {
        if (!(etaMin > 0) || etaMax < etaMin) throw new IllegalArgumentException("need 0 < etaMin <= etaMax");
        if (stepSize <= 0) throw new IllegalArgumentException("stepSize must be positive");
    }

    /** The learning rate at 0-based step {@code step}. */
    public double at(long step) {
        long t = step % (2L * stepSize);
        double span = etaMax - etaMin;
        return t < stepSize
                ? etaMin + (double) t / stepSize * span
                : etaMax - (double) (t - stepSize) / stepSize * span;
    }

    /**
     * The rate at step {@code step} of a run that is one triangle of its own from step {@code first} to step
     * {@code end} (a warm restart, knet.sweep.halving.restarts): eta_min at {@code first}, eta_max halfway, back
     * towards eta_min at {@code end}; the half-length is (end - first) / 2, a fraction for an odd length. With
     * {@code first} 0 and {@code end} 2 n_s this is {@link #at}.
     */
    public double restartAt(long first, long end, long step) {
        double half = (end - first) / 2.0;
        double t = step - first;
        double span = etaMax - etaMin;
        return t < half ? etaMin + t / half * span : etaMax - (t - half) / half * span;
    }

    /** Steps in the given number of full cycles. */
    public long steps(int cycles) {
        return 2L * stepSize * cycles;
    }
}
