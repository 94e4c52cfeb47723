package org.knetsweep.trial;

/** How a training run ended. */
public enum TrainingStatus {
    /** Ran all its steps. */
    COMPLETE,
    /** Stopped because the cost became NaN or infinite. */
    DIVERGED,
    /** Stopped early by successive halving at the end of a rung (the {@code rung} column says which). */
    STOPPED,
    /** Threw an exception (recorded by the runner, never by the trainer itself). */
    FAILED
}
