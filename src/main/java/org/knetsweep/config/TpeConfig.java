package org.knetsweep.config;

import java.io.Serializable;

/**
 * The Tree-structured Parzen Estimator sampler ({@code knet.sweep.sampler = "tpe"}, docs/tpe.md): after
 * {@code startupTrials} Sobol points, each trial's point is the best of {@code candidates} draws from the density of
 * the good trials, scored by the ratio of the good density to the bad one.
 *
 * @param startupTrials trials drawn by the scrambled Sobol sequence before the model is used (at least 1)
 * @param quantile      fraction of the trials that form the good group, in (0, 1)
 * @param maxGood       cap on the size of the good group (at least 1)
 * @param candidates    draws from the good density scored per proposal (at least 1)
 * @param priorWeight   weight of the prior component of each density, relative to one trial's kernel (above 0)
 * @param multivariate  one joint kernel over all dimensions (true) or each dimension on its own (false)
 * @param lag           the most recent trials whose outcomes a proposal may not use: trial i sees the outcomes of
 *                      trials 0..i-1-lag, the others are pending (at least 0)
 * @param minBandwidth  smallest kernel width of a numeric dimension, in units of its [0, 1] range, in (0, 0.5]
 */
public record TpeConfig(int startupTrials, double quantile, int maxGood, int candidates, double priorWeight,
                        boolean multivariate, int lag, double minBandwidth) implements Serializable {
    /** The reference defaults. */
    public static final TpeConfig DEFAULT = new TpeConfig(6, 0.2, 25, 24, 1.0, true, 15, 0.01);

    public TpeConfig {
        if (startupTrials < 1) throw Checks.invalid(key("startup-trials"), startupTrials, "an integer of at least 1");
        if (!(quantile > 0 && quantile < 1)) throw Checks.invalid(key("quantile"), quantile, "a number in (0, 1)");
        if (maxGood < 1) throw Checks.invalid(key("max-good"), maxGood, "an integer of at least 1");
        if (candidates < 1) throw Checks.invalid(key("candidates"), candidates, "an integer of at least 1");
        if (!(priorWeight > 0) || !Double.isFinite(priorWeight))
            throw Checks.invalid(key("prior-weight"), priorWeight, "a positive finite number");
        if (lag < 0) throw Checks.invalid(key("lag"), lag, "an integer of at least 0");
        if (!(minBandwidth > 0 && minBandwidth <= 0.5))
            throw Checks.invalid(key("min-bandwidth"), minBandwidth, "a number in (0, 0.5]");
    }

    private static String key(String name) {
        return "knet.sweep.tpe." + name;
    }
}
