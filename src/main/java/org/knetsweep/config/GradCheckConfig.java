package org.knetsweep.config;

import java.io.Serializable;
import java.util.List;

/**
 * The gradient-check settings (section 1 of the report): for each seed, one check on the first {@code samples}
 * images and one on {@code samples} random images, with {@code features} input features, in float64.
 *
 * @param network  the architecture to check
 * @param lambda   L2 coefficient included in the checked cost
 * @param seeds    initialization seeds
 * @param samples  images per check
 * @param features input features
 * @param h        step of the centered difference
 * @param output   markdown file the tables are written to
 */
public record GradCheckConfig(NetworkConfig network, double lambda, List<Long> seeds, int samples, int features,
                              double h, String output) implements Serializable {
    public GradCheckConfig {
        Checks.nonNegative("knet.gradcheck.lambda", lambda);
        if (seeds == null || seeds.isEmpty()) throw Checks.invalid("knet.gradcheck.seeds", "[]", "a non-empty list of integers");
        seeds = List.copyOf(seeds);
        Checks.positive("knet.gradcheck.samples", samples);
        if (samples > DataConfig.IMAGES_IN_TRAIN_BATCHES) throw Checks.invalid("knet.gradcheck.samples", samples, "at most 50000");
        Checks.positive("knet.gradcheck.features", features);
        if (features > DataConfig.FEATURES) throw Checks.invalid("knet.gradcheck.features", features, "at most 3072");
        Checks.positive("knet.gradcheck.h", h);
    }
}
