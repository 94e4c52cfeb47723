package org.knetsweep.nn;

import java.util.SplittableRandom;

/** Seeded weight initialization: normal(0, sigma), with He's sigma = sqrt(2 / fan-in) (He et al. 2015). */
public final class Initializers {
    private Initializers() {
    }

    public static double heSigma(int fanIn) {
        return Math.sqrt(2.0 / fanIn);
    }

    /** Fills m with independent normal(0, sigma) values drawn from rng in row-major order. */
    public static void fill(Mat m, double sigma, SplittableRandom rng) {
        for (int i = 0, n = m.size(); i < n; i++) m.set(i, sigma * rng.nextGaussian());
    }
}
