package org.knetsweep.sweep;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.knetsweep.train.EpochMetrics;
import org.knetsweep.train.TrainingStatus;

/**
 * The stored result of one trial: one row of the {@code trials} table plus its rows of the {@code epochs} table.
 * Metrics that were not measured (a failed trial, the test accuracy of a search trial) are NaN, stored as null.
 */
public record TrialOutcome(String sweepId, Stage stage, String trialId, int trialIndex, double log10Lambda,
                           double lambda, List<Integer> hidden, boolean batchNorm, String init, double initSigma,
                           long seed, int cycles, int epochs, long steps, TrainingStatus status, String error,
                           double valAccuracy, double bestValAccuracy, double valCost, double valLoss,
                           double trainAccuracy, double trainCost, double trainLoss, double testAccuracy,
                           long wallMs, String executorId, String host, int attempt, String configHash,
                           Instant startedAt, Instant finishedAt, List<EpochMetrics> epochCurve)
        implements Serializable {
    public TrialOutcome {
        hidden = List.copyOf(hidden);
        epochCurve = List.copyOf(epochCurve);
        error = error == null ? "" : error;
    }
}
