package org.knetsweep.config;

import java.io.Serializable;

/**
 * Mini-batch gradient descent with a triangular cyclical learning rate (Smith 2017).
 *
 * @param lambda        L2 coefficient: cost = mean cross-entropy + lambda * sum ||W_l||^2
 * @param batchSize     images per step
 * @param etaMin        lowest learning rate of the cycle
 * @param etaMax        highest learning rate of the cycle
 * @param stepSize      n_s, steps per half cycle; 0 means 5 * trainSize / batchSize
 * @param cycles        number of full cycles (2 * n_s steps each)
 * @param precision     float32 or float64
 * @param trainEvalSize training images used for the per-epoch training metrics (0: all)
 */
public record TrainingConfig(double lambda, int batchSize, double etaMin, double etaMax, int stepSize, int cycles,
                             Precision precision, int trainEvalSize) implements Serializable {
    public TrainingConfig {
        Checks.nonNegative("knet.training.lambda", lambda);
        Checks.positive("knet.training.batch-size", batchSize);
        Checks.positive("knet.training.eta-min", etaMin);
        Checks.positive("knet.training.eta-max", etaMax);
        if (etaMin > etaMax)
            throw Checks.invalid("knet.training.eta-min", etaMin, "at most knet.training.eta-max (" + etaMax + ")");
        Checks.nonNegative("knet.training.step-size", stepSize);
        Checks.positive("knet.training.cycles", cycles);
        if (precision == null) throw Checks.invalid("knet.training.precision", null, "float32 or float64");
        Checks.nonNegative("knet.training.train-eval-size", trainEvalSize);
    }

    /** n_s for a training set of the given size. */
    public int stepSizeFor(int trainSize) {
        return stepSize > 0 ? stepSize : Math.max(1, 5 * trainSize / batchSize);
    }

    /** Steps of one learning-rate cycle, 2 n_s. */
    public long stepsPerCycle(int trainSize) {
        return 2L * stepSizeFor(trainSize);
    }

    /** Steps of the whole run: {@link #cycles} cycles. */
    public long totalSteps(int trainSize) {
        return stepsPerCycle(trainSize) * cycles;
    }

    /** Mini-batch steps per epoch (a last partial batch is dropped). */
    public int stepsPerEpoch(int trainSize) {
        return trainSize / batchSize;
    }

    public TrainingConfig withLambda(double value) {
        return new TrainingConfig(value, batchSize, etaMin, etaMax, stepSize, cycles, precision, trainEvalSize);
    }

    public TrainingConfig withCycles(int value) {
        return new TrainingConfig(lambda, batchSize, etaMin, etaMax, stepSize, value, precision, trainEvalSize);
    }

    public TrainingConfig withEtaRange(double min, double max) {
        return new TrainingConfig(lambda, batchSize, min, max, stepSize, cycles, precision, trainEvalSize);
    }

    public TrainingConfig withStepSize(int value) {
        return new TrainingConfig(lambda, batchSize, etaMin, etaMax, value, cycles, precision, trainEvalSize);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(lambda, value, etaMin, etaMax, stepSize, cycles, precision, trainEvalSize);
    }
}
