package org.knetsweep.config;

import java.io.Serializable;

/**
 * Everything one training run needs: the data, the network, the training method and the seed. Immutable and
 * serializable, so a Spark task can receive it.
 */
public record RunConfig(long seed, DataConfig data, NetworkConfig network, TrainingConfig training)
        implements Serializable {
    public RunConfig {
        if (data == null || network == null || training == null) throw new IllegalArgumentException("null section");
        if (!data.isTable() && training.batchSize() > data.trainSize())
            throw Checks.invalid("knet.training.batch-size", training.batchSize(),
                    "at most the training-set size (" + data.trainSize() + " images)");
    }

    public RunConfig withSeed(long value) {
        return new RunConfig(value, data, network, training);
    }

    public RunConfig withNetwork(NetworkConfig value) {
        return new RunConfig(seed, data, value, training);
    }

    public RunConfig withTraining(TrainingConfig value) {
        return new RunConfig(seed, data, network, value);
    }
}
