package org.knetsweep.train;

import org.knetsweep.trial.EpochMetrics;

/** Receives progress from a {@link Trainer}: called on the training thread after each epoch's evaluation. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = m -> { };

    void onEpoch(EpochMetrics metrics);
}
