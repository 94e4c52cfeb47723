package org.knetsweep.config;

import java.io.Serializable;

/**
 * Benchmark settings: timed training steps after warm-up steps, on {@code images} random images of CIFAR-10's shape
 * (the table a batch is gathered from; 45,000 is full CIFAR-10's training set, a 553 MB float table).
 */
public record BenchConfig(int steps, int warmup, int batchSize, int images) implements Serializable {
    public BenchConfig {
        Checks.positive("knet.bench.steps", steps);
        Checks.nonNegative("knet.bench.warmup", warmup);
        Checks.positive("knet.bench.batch-size", batchSize);
        Checks.positive("knet.bench.images", images);
        if (images < batchSize) throw Checks.invalid("knet.bench.images", images, "at least knet.bench.batch-size, " + batchSize);
    }
}
