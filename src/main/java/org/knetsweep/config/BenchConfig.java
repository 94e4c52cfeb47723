package org.knetsweep.config;

import java.io.Serializable;

/**
 * Benchmark settings: timed training steps after warm-up steps, on synthetic standardized data of CIFAR-10's shape.
 */
public record BenchConfig(int steps, int warmup, int batchSize) implements Serializable {
    public BenchConfig {
        Checks.positive("knet.bench.steps", steps);
        Checks.nonNegative("knet.bench.warmup", warmup);
        Checks.positive("knet.bench.batch-size", batchSize);
    }
}
