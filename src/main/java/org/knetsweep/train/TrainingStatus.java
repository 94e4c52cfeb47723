package org.knetsweep.train;

/** How a training run ended. */
public enum TrainingStatus {
    /** Ran all its steps. */
    COMPLETE,
    /** Stopped because the cost became NaN or infinite. */
    DIVERGED,
    /** Threw an exception (recorded by the runner, never by the trainer itself). */
    FAILED
}
