package org.knetsweep.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * How the final stage retrains the winner ({@code knet.sweep.final.replicas} and {@code knet.sweep.final.refit}).
 *
 * @param replicas networks trained with different seeds in one Spark stage, the first with the trial's own seed;
 *                 {@link #AUTO} (0) = the runner's task slots, at most {@link #AUTO_MAX}
 * @param refit    the images the final networks train on
 */
public record FinalStageConfig(int replicas, Refit refit) implements Serializable {
    /** {@code replicas} of {@code "auto"}. */
    public static final int AUTO = 0;
    /** The most replicas {@code auto} runs. */
    public static final int AUTO_MAX = 5;
    /** The defaults: auto replicas, trained on the training split. */
    public static final FinalStageConfig DEFAULT = new FinalStageConfig(AUTO, Refit.TRAIN);

    /** The images of a final training. */
    public enum Refit {
        /** The training split only (the report's protocol: 45,000 of the 50,000 images by default). */
        TRAIN,
        /** The training split plus the validation split (all 50,000 images, as MLlib's refit). */
        TRAIN_VALIDATION;

        public static Refit parse(String key, String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "train" -> TRAIN;
                case "train+validation" -> TRAIN_VALIDATION;
                default -> throw Checks.invalid(key, value, "train or train+validation");
            };
        }

        public String label() {
            return this == TRAIN ? "train" : "train+validation";
        }
    }

    public FinalStageConfig {
        if (replicas < 0) throw Checks.invalid(REPLICAS_KEY, replicas, "auto or an integer >= 1");
        if (refit == null) refit = Refit.TRAIN;
    }

    /** The key of {@link #replicas}. */
    public static final String REPLICAS_KEY = "knet.sweep.final.replicas";

    /** Parses {@code knet.sweep.final.replicas}: "auto" or an integer >= 1. */
    public static int parseReplicas(String value) {
        String v = value == null ? "" : value.strip();
        if (v.equalsIgnoreCase("auto")) return AUTO;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Checks.invalid(REPLICAS_KEY, value, "auto or an integer >= 1");
    }

    /** The replicas to run on a runner with {@code slots} task slots. */
    public int replicasFor(int slots) {
        return replicas == AUTO ? Math.max(1, Math.min(slots, AUTO_MAX)) : replicas;
    }

    /** The configured replicas as the key spells them ("auto" or the integer). */
    public String replicasLabel() {
        return replicas == AUTO ? "auto" : Integer.toString(replicas);
    }
}
