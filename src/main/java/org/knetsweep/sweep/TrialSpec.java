package org.knetsweep.sweep;

import java.io.Serializable;
import java.util.Locale;
import org.knetsweep.config.RunConfig;

/**
 * Everything an executor needs to run one trial: its identity, the complete training configuration (lambda, seed
 * and cycles already applied) and the data-split seed shared by the whole sweep. Small and serializable: this, not
 * tensors or sessions, is what Spark ships to executors.
 */
public record TrialSpec(String sweepId, Stage stage, int trialIndex, double log10Lambda, RunConfig run,
                        long dataSeed, boolean measureTest, String configHash, boolean injectFailure)
        implements Serializable {
    /** Stable id, e.g. {@code coarse-003}. */
    public String trialId() {
        return id(stage, trialIndex);
    }

    public static String id(Stage stage, int index) {
        return String.format(Locale.ROOT, "%s-%03d", stage.label(), index);
    }
}
