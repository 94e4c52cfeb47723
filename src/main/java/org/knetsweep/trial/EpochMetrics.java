package org.knetsweep.trial;

import java.io.Serializable;

/**
 * Metrics at the end of one epoch (or at the last step when training ends mid-epoch).
 *
 * @param epoch        1-based epoch number
 * @param step         training steps done so far
 * @param learningRate the rate of the last step
 */
public record EpochMetrics(int epoch, long step, double learningRate, double trainCost, double trainLoss,
                           double trainAccuracy, double valCost, double valLoss, double valAccuracy)
        implements Serializable {
}
