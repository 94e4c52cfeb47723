package org.knetsweep.train;

import java.io.Serializable;
import java.util.List;
import org.knetsweep.nn.NetworkState;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.TrainingStatus;

/**
 * The outcome of one training run.
 *
 * @param status           COMPLETE or DIVERGED
 * @param message          why it diverged (empty when complete)
 * @param epochs           per-epoch metrics, in order (of this segment only, for a segment)
 * @param steps            training steps done
 * @param final            validation metrics of the final network
 * @param bestValAccuracy  highest validation accuracy seen at an epoch end
 * @param test             test-set metrics of the final network, or null when not measured
 * @param wallMs           wall time of the run, milliseconds (over all segments of a resumed run)
 * @param checkpoint       where a run stopped before its full budget ({@link Trainer.Segment}) can be continued
 *                         from; null after a full run or a divergence
 * @param network          the trained network's parameters and moving averages at the end of the run (what a
 *                         model artifact stores); null after a divergence
 */
public record TrainingResult(TrainingStatus status, String message, List<EpochMetrics> epochs, long steps,
                             Evaluation finalValidation, Evaluation finalTrain, double bestValAccuracy,
                             Evaluation test, long wallMs, Checkpoint checkpoint, NetworkState network)
        implements Serializable {
    public TrainingResult {
        epochs = List.copyOf(epochs);
    }
}
