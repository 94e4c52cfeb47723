package org.knetsweep.trial;

import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link TrialOutcome} component by component, each named (the record's one constructor takes all 38): from
 * {@link TrialOutcome#builder}, where every component but the trial's identity starts unknown / not measured, or
 * from {@link TrialOutcome#toBuilder}, a copy to change.
 */
public final class TrialOutcomeBuilder {
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

    TrialOutcomeBuilder(String sweepId, Stage stage, String trialId, int trialIndex) {
        this.sweepId = sweepId;
        this.stage = stage;
        this.trialId = trialId;
        this.trialIndex = trialIndex;
    }

    /** A builder holding every component of {@code o}. */
    TrialOutcomeBuilder(TrialOutcome o) {
        this(o.sweepId(), o.stage(), o.trialId(), o.trialIndex());
        log10Lambda = o.log10Lambda();
        lambda = o.lambda();
        hidden = o.hidden();
        batchNorm = o.batchNorm();
        init = o.init();
        initSigma = o.initSigma();
        seed = o.seed();
        cycles = o.cycles();
        epochs = o.epochs();
        steps = o.steps();
        status = o.status();
        error = o.error();
        valAccuracy = o.valAccuracy();
        bestValAccuracy = o.bestValAccuracy();
        valCost = o.valCost();
        valLoss = o.valLoss();
        trainAccuracy = o.trainAccuracy();
        trainCost = o.trainCost();
        trainLoss = o.trainLoss();
        testAccuracy = o.testAccuracy();
        wallMs = o.wallMs();
        executorId = o.executorId();
        host = o.host();
        attempt = o.attempt();
        configHash = o.configHash();
        startedAt = o.startedAt();
        finishedAt = o.finishedAt();
        epochCurve = o.epochCurve();
        replica = o.replica();
        rung = o.rung();
        etaMin = o.etaMin();
        etaMax = o.etaMax();
        stepSize = o.stepSize();
        batchSize = o.batchSize();
    }

    /** log10(lambda) and lambda, as the run used them. */
    public TrialOutcomeBuilder lambda(double log10, double linear) {
        log10Lambda = log10;
        lambda = linear;
        return this;
    }

    /** The settings besides lambda: network, cycles, learning rates, step size and batch size. */
    public TrialOutcomeBuilder hyperparameters(Hyperparameters h) {
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

    public TrialOutcomeBuilder hidden(List<Integer> value) {
        hidden = value;
        return this;
    }

    public TrialOutcomeBuilder batchNorm(boolean value) {
        batchNorm = value;
        return this;
    }

    public TrialOutcomeBuilder init(String value) {
        init = value;
        return this;
    }

    public TrialOutcomeBuilder initSigma(double value) {
        initSigma = value;
        return this;
    }

    public TrialOutcomeBuilder seed(long value) {
        seed = value;
        return this;
    }

    public TrialOutcomeBuilder cycles(int value) {
        cycles = value;
        return this;
    }

    public TrialOutcomeBuilder epochs(int value) {
        epochs = value;
        return this;
    }

    public TrialOutcomeBuilder steps(long value) {
        steps = value;
        return this;
    }

    public TrialOutcomeBuilder status(TrainingStatus value) {
        status = value;
        return this;
    }

    public TrialOutcomeBuilder error(String value) {
        error = value;
        return this;
    }

    public TrialOutcomeBuilder valAccuracy(double value) {
        valAccuracy = value;
        return this;
    }

    public TrialOutcomeBuilder bestValAccuracy(double value) {
        bestValAccuracy = value;
        return this;
    }

    public TrialOutcomeBuilder valCost(double value) {
        valCost = value;
        return this;
    }

    public TrialOutcomeBuilder valLoss(double value) {
        valLoss = value;
        return this;
    }

    public TrialOutcomeBuilder trainAccuracy(double value) {
        trainAccuracy = value;
        return this;
    }

    public TrialOutcomeBuilder trainCost(double value) {
        trainCost = value;
        return this;
    }

    public TrialOutcomeBuilder trainLoss(double value) {
        trainLoss = value;
        return this;
    }

    public TrialOutcomeBuilder testAccuracy(double value) {
        testAccuracy = value;
        return this;
    }

    public TrialOutcomeBuilder wallMs(long value) {
        wallMs = value;
        return this;
    }

    public TrialOutcomeBuilder executorId(String value) {
        executorId = value;
        return this;
    }

    public TrialOutcomeBuilder host(String value) {
        host = value;
        return this;
    }

    public TrialOutcomeBuilder attempt(int value) {
        attempt = value;
        return this;
    }

    public TrialOutcomeBuilder configHash(String value) {
        configHash = value;
        return this;
    }

    public TrialOutcomeBuilder startedAt(Instant value) {
        startedAt = value;
        return this;
    }

    public TrialOutcomeBuilder finishedAt(Instant value) {
        finishedAt = value;
        return this;
    }

    public TrialOutcomeBuilder epochCurve(List<EpochMetrics> value) {
        epochCurve = value;
        return this;
    }

    public TrialOutcomeBuilder replica(int value) {
        replica = value;
        return this;
    }

    public TrialOutcomeBuilder rung(int value) {
        rung = value;
        return this;
    }

    public TrialOutcomeBuilder etaMin(double value) {
        etaMin = value;
        return this;
    }

    public TrialOutcomeBuilder etaMax(double value) {
        etaMax = value;
        return this;
    }

    public TrialOutcomeBuilder stepSize(int value) {
        stepSize = value;
        return this;
    }

    public TrialOutcomeBuilder batchSize(int value) {
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
