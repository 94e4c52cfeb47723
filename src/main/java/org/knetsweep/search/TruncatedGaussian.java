package org.knetsweep.search;

import java.util.SplittableRandom;

/**
 * The normal distribution truncated to [0, 1]: its normalizing mass and its sampling. Deterministic: StrictMath for
 * every transcendental function, and the generator's draws in a fixed order.
 */
final class TruncatedGaussian {
    /** log(sqrt(2 pi)). */
    static final double LOG_SQRT_2PI = 0.5 * StrictMath.log(2 * StrictMath.PI);

    private TruncatedGaussian() {
    }

    /**
     * The standard normal CDF, from the erf approximation of Abramowitz and Stegun 7.1.26 (absolute error below
     * 1.5e-7; used only for the masses of kernels whose mean lies in [0, 1], which are at least 0.34, so the error
     * in a log-density is below 5e-7).
     */
    static double cdf(double z) {
        double x = StrictMath.abs(z) / StrictMath.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * StrictMath.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** The mass of N(mu, sigma^2) on [0, 1]. */
    static double mass(double mu, double sigma) {
        if ((1 - mu) / sigma > 9 && mu / sigma > 9) return 1; // both tails below 1e-19
        return cdf((1 - mu) / sigma) - cdf(-mu / sigma);
    }

    /** A standard normal draw (Box-Muller, one of the pair; two uniform draws). */
    static double standardNormal(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /**
     * A draw of N(mu, sigma^2) restricted to [0, 1], by rejection. With mu in [0, 1] the acceptance rate is at
     * least 0.34 for any sigma, so the loop ends quickly; after 1,000 rejections (probability below 1e-180) the
     * draw is clamped instead.
     */
    static double sample(double mu, double sigma, SplittableRandom rng) {
        double x = mu;
        for (int attempt = 0; attempt < 1000; attempt++) {
            x = mu + sigma * standardNormal(rng);
            if (x >= 0 && x <= 1) return x;
        }
        return Math.max(0, Math.min(1, x));
    }
}
