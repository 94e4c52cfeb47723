package org.knetsweep.gradcheck;

import java.util.List;

/**
 * One gradient check of the report's section 1: a seed, which images (the first ones or a seeded random choice),
 * and the per-tensor comparison.
 */
public record GradCheckSetting(long seed, boolean randomSamples, int samples, int features, String network,
                               List<TensorCheck> tensors) {
    public String title() {
        return "seed " + seed + ", " + (randomSamples ? samples + " random samples" : "the first " + samples + " samples")
                + ", " + features + " features, " + network;
    }

    public double maxRelError() {
        return GradientCheck.maxRelError(tensors);
    }
}
