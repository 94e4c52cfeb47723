package org.knetsweep.train;

import java.io.Serializable;
import org.knetsweep.data.DataSplit;
import org.knetsweep.nn.NetworkState;
import org.knetsweep.trial.TrialSpec;

/**
 * Where a trial task saves the network it trained as a model artifact, on the executor that trained it and before the
 * trial's row commits the trial. The sweep core sees only this interface; {@code model.SavedModels.sink} writes the
 * artifacts into a results root. Serializable so that executors receive it with their trial specs.
 */
@FunctionalInterface
public interface ModelSink extends Serializable {
    /**
     * Saves the network of a completed trial (nothing when its artifact is already stored: a retried or resumed
     * trial keeps the first one).
     *
     * @param split        the data the network was trained on (its features, label names and standardizer)
     * @param testAccuracy the network's test accuracy, NaN when not measured
     */
    void save(TrialSpec spec, DataSplit split, NetworkState network, double testAccuracy);
}
