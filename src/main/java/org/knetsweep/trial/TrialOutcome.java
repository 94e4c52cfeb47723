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
    public static Builder builder(String sweepId, Stage stage, String trialId, int trialIndex) {
        return new Builder(sweepId, stage, trialId, trialIndex);
    }

    /** A builder holding this outcome's components, to build a copy with some of them changed. */
    public Builder toBuilder() {
        Builder b = new Builder(sweepId, stage, trialId, trialIndex);
        b.log10Lambda = log10Lambda;
        b.lambda = lambda;
        b.hidden = hidden;
        b.batchNorm = batchNorm;
        b.init = init;
        b.initSigma = initSigma;
        b.seed = seed;
        b.cycles = cycles;
        b.epochs = epochs;
        b.steps = steps;
        b.status = status;
        b.error = error;
        b.valAccuracy = valAccuracy;
        b.bestValAccuracy = bestValAccuracy;
        b.valCost = valCost;
        b.valLoss = valLoss;
        b.trainAccuracy = trainAccuracy;
        b.trainCost = trainCost;
        b.trainLoss = trainLoss;
        b.testAccuracy = testAccuracy;
        b.wallMs = wallMs;
        b.executorId = executorId;
        b.host = host;
        b.attempt = attempt;
        b.configHash = configHash;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.epochCurve = epochCurve;
        b.replica = replica;
        b.rung = rung;
        b.etaMin = etaMin;
        b.etaMax = etaMax;
        b.stepSize = stepSize;
        b.batchSize = batchSize;
        return b;
    }

    /** Builds a {@link TrialOutcome} component by component (the record's one constructor takes all 38). */
    public static final class Builder {
        private final String sweepId;
        private final Stage stage;
        private final String trialId;
        private final int trialIndex;
        private double log10Lambda = Double.NaN;
        private double lambda = Double.NaN;
        private List<Integer> hidden = List.of();
        private boolean batchNorm = false;
        private String init;
        private double initSigma = Double.NaN;
        private long seed = 0;
        private int cycles = 0;
        private int epochs = 0;
        private long steps = 0;
        private TrainingStatus status;
        private String error = "";
        private double valAccuracy = Double.NaN;
        private double bestValAccuracy = Double.NaN;
        private double valCost = Double.NaN;
        private double valLoss = Double.NaN;
        private double trainAccuracy = Double.NaN;
        private double trainCost = Double.NaN;
        private double trainLoss = Double.NaN;
        private double testAccuracy = Double.NaN;
        private long wallMs = 0;
        private String executorId;
        private String host;
        private int attempt = 0;
        private String configHash;
        private Instant startedAt;
        private Instant finishedAt;
        private List<EpochMetrics> epochCurve = List.of();
        private int replica = 0;
        private int rung = -1;
        private double etaMin = Double.NaN;
        private double etaMax = Double.NaN;
        private int stepSize = -1;
        private int batchSize = -1;

        private Builder(String sweepId, Stage stage, String trialId, int trialIndex) {
            this.sweepId = sweepId;
            this.stage = stage;
            this.trialId = trialId;
            this.trialIndex = trialIndex;
        }

        /** log10(lambda) and lambda, as the run used them. */
        public Builder lambda(double log10, double linear) {
            log10Lambda = log10;
            lambda = linear;
            return this;
        }

        /** The settings besides lambda: network, cycles, learning rates, step size and batch size. */
        public Builder hyperparameters(Hyperparameters h) {
            hidden = h.hidden();
            batchNorm = Boolean.TRUE.equals(h.batchNorm());
            init = h.init();
            initSigma = h.initSigma();
            cycles = h.cycles();
            etaMin = h.etaMin();
            etaMax = h.etaMax();
            stepSize = h.stepSize();
            batchSize = h.batchSize();
            return this;
        }

        public Builder hidden(List<Integer> value) {
            hidden = value;
            return this;
        }

        public Builder batchNorm(boolean value) {
            batchNorm = value;
            return this;
        }

        public Builder init(String value) {
            init = value;
            return this;
        }

        public Builder initSigma(double value) {
            initSigma = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder cycles(int value) {
            cycles = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder steps(long value) {
            steps = value;
            return this;
        }

        public Builder status(TrainingStatus value) {
            status = value;
            return this;
        }

        public Builder error(String value) {
            error = value;
            return this;
        }

        public Builder valAccuracy(double value) {
            valAccuracy = value;
            return this;
        }

        public Builder bestValAccuracy(double value) {
            bestValAccuracy = value;
            return this;
        }

        public Builder valCost(double value) {
            valCost = value;
            return this;
        }

        public Builder valLoss(double value) {
            valLoss = value;
            return this;
        }

        public Builder trainAccuracy(double value) {
            trainAccuracy = value;
            return this;
        }

        public Builder trainCost(double value) {
            trainCost = value;
            return this;
        }

        public Builder trainLoss(double value) {
            trainLoss = value;
            return this;
        }

        public Builder testAccuracy(double value) {
            testAccuracy = value;
            return this;
        }

        public Builder wallMs(long value) {
            wallMs = value;
            return this;
        }

        public Builder executorId(String value) {
            executorId = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder attempt(int value) {
            attempt = value;
            return this;
        }

        public Builder configHash(String value) {
            configHash = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            startedAt = value;
            return this;
        }

        public Builder finishedAt(Instant value) {
            finishedAt = value;
            return this;
        }

        public Builder epochCurve(List<EpochMetrics> value) {
            epochCurve = value;
            return this;
        }

        public Builder replica(int value) {
            replica = value;
            return this;
        }

        public Builder rung(int value) {
            rung = value;
            return this;
        }

        public Builder etaMin(double value) {
            etaMin = value;
            return this;
        }

        public Builder etaMax(double value) {
            etaMax = value;
            return this;
        }

        public Builder stepSize(int value) {
            stepSize = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public TrialOutcome build() {
            return new TrialOutcome(sweepId, stage, trialId, trialIndex, log10Lambda, lambda, hidden, batchNorm, init,
                    initSigma, seed, cycles, epochs, steps, status, error, valAccuracy, bestValAccuracy, valCost,
                    valLoss, trainAccuracy, trainCost, trainLoss, testAccuracy, wallMs, executorId, host, attempt,
                    configHash, startedAt, finishedAt, epochCurve, replica, rung, etaMin, etaMax, stepSize, batchSize);
        }
    }
}
