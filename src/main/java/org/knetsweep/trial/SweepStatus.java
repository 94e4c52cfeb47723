package org.knetsweep.trial;

/** The state of a sweep, stored by name in the {@code status} column of the {@code sweeps} table. */
public enum SweepStatus {
    /** Started (or resumed) and not finished; also what a killed driver leaves behind. */
    RUNNING,
    /** Finished with a best candidate. */
    COMPLETE,
    /** Finished without a best candidate, or stopped by an error. */
    FAILED
}
