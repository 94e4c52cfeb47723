package org.knetsweep.sweep;

import org.knetsweep.trial.Stage;

/**
 * One Spark stage's timing (a search stage, one of its successive-halving rungs, or its replicas): wall time against
 * the trial time it contained, over the runner's slots.
 *
 * @param part "" for a whole stage, else e.g. "rung 1" or "replicas"
 */
public record StageReport(Stage stage, String part, int planned, int trained, long wallMs, long trialMs, int slots) {
    /** (sum of trial wall times / slots) / stage wall time; NaN when nothing was trained. */
    public double efficiency() {
        return trained == 0 || wallMs == 0 ? Double.NaN : (double) trialMs / slots / wallMs;
    }

    /** Trials trained per second of stage wall time; NaN when nothing was trained. */
    public double trialsPerSecond() {
        return trained == 0 || wallMs == 0 ? Double.NaN : trained * 1000.0 / wallMs;
    }

    /**
     * Slot time per trained trial not spent training it, in ms: (wall x slots - sum of trial wall times) / trained;
     * the per-trial cost of scheduling, storing and bookkeeping. NaN when nothing was trained.
     */
    public double overheadMsPerTrial() {
        return trained == 0 ? Double.NaN : ((double) wallMs * slots - trialMs) / trained;
    }

    /** The stage label with its part, e.g. "coarse rung 1". */
    public String label() {
        return label(stage, part);
    }

    static String label(Stage stage, String part) {
        return part.isEmpty() ? stage.label() : stage.label() + " " + part;
    }
}
