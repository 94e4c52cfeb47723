package org.knetsweep.trial;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The stored result of one trial: one row of the {@code trials} table plus its rows of the {@code epochs} table.
 * Metrics that were not measured (a failed trial, the test accuracy of a search trial) are NaN, stored as null.
 *
 * <p>{@code replica} is 0 for a candidate's first run and 1, 2, ... for its fresh-seed re-runs; {@code rung} is the
 * successive-halving rung the trial reached (-1, stored as null, when its stage ran without halving). In the
 * {@code rungs} table the same record describes a trial at the end of one rung.
 *
 * <p>Build one with {@link #builder} (or change a copy with {@link #toBuilder}); the record's canonical constructor is
 * its only one.
 */
public record TrialOutcome(String sweepId, Stage stage, String trialId, int trialIndex, double log10Lambda,
                           double lambda, List<Integer> hidden, boolean batchNorm, String init, double initSigma,
                           long seed, int cycles, int epochs, long steps, TrainingStatus status, String error,
                           double valAccuracy, double bestValAccuracy, double valCost, double valLoss,
                           double trainAccuracy, double trainCost, double trainLoss, double testAccuracy,
                           long wallMs, String executorId, String host, int attempt, String configHash,
                           Instant startedAt, Instant finishedAt, List<EpochMetrics> epochCurve, int replica,
                           int rung, double etaMin, double etaMax, int stepSize, int batchSize)
        implements Serializable {
    public TrialOutcome {
        hidden = List.copyOf(hidden);
        epochCurve = List.copyOf(epochCurve);
        error = error == null ? "" : error;
    }

    /** The id of the candidate this trial is a run of: its replica 0's trial id. */
    public String candidateId() {
        return TrialSpec.id(stage, trialIndex);
    }

    /** This outcome with another status, error text and epoch curve (e.g. a trial stopped at a rung). */
    public TrialOutcome withStatus(TrainingStatus newStatus, String newError, List<EpochMetrics> curve) {
        return toBuilder().status(newStatus).error(newError).epochCurve(curve).build();
    }

    /** The settings besides lambda that identify this trial's candidate. */
    public Hyperparameters hyperparameters() {
        return new Hyperparameters(hidden, batchNorm, init, initSigma, cycles, etaMin, etaMax, stepSize, batchSize);
    }

    /**
     * A builder of the trial {@code trialId} (index {@code trialIndex} of {@code stage} of sweep {@code sweepId}):
     * every other component defaults to unknown / not measured: NaN metrics and learning rates, -1 for the rung,
     * step size and batch size, replica 0, no error, no epochs, null texts and times.
     */
    public static TrialOutcomeBuilder builder(String sweepId, Stage stage, String trialId, int trialIndex) {
        return new TrialOutcomeBuilder(sweepId, stage, trialId, trialIndex);
    }

    /** A builder holding this outcome's components, to build a copy with some of them changed. */
    public TrialOutcomeBuilder toBuilder() {
        return new TrialOutcomeBuilder(this);
    }
}
