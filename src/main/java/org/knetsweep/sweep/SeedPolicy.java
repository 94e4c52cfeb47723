package org.knetsweep.sweep;

import java.util.SplittableRandom;
import org.knetsweep.trial.Stage;

/**
 * The one source of a sweep's randomness: every seed derives from the sweep seed and the identity of what uses it,
 * never from scheduling, executor count or retries. A trial's seed depends on (sweep seed, stage, trial index); a
 * stage's sampler on (sweep seed, stage); the data split uses the sweep seed itself, so all trials of a sweep share
 * one validation set.
 */
public final class SeedPolicy {
    private SeedPolicy() {
    }

    /** Seed of trial {@code index} of {@code stage}. */
    public static long trialSeed(long sweepSeed, Stage stage, int index) {
        return mix(mix(sweepSeed, 0x7121L + stage.ordinal()), index);
    }

    /** Seed of replica {@code replica} (1, 2, ...) of trial {@code index} of {@code stage}: fresh, and independent of
     * the trial's own seed. */
    public static long replicaSeed(long sweepSeed, Stage stage, int index, int replica) {
        return mix(mix(trialSeed(sweepSeed, stage, index), 0x2E91CAL), replica);
    }

    /** The generator that samples a stage's hyperparameters. */
    public static SplittableRandom stageRandom(long sweepSeed, Stage stage) {
        return new SplittableRandom(mix(sweepSeed, 0x5A3F00L + stage.ordinal()));
    }

    /** The generator of the adaptive proposal of trial {@code index} of {@code stage} (e.g. TPE's candidates). */
    public static SplittableRandom proposalRandom(long sweepSeed, Stage stage, int index) {
        return new SplittableRandom(mix(mix(sweepSeed, 0x7E0A1L + stage.ordinal()), index));
    }

    /** A well-mixed 64-bit combination (SplitMix64 finalizer of a + golden-ratio multiple of b). */
    static long mix(long a, long b) {
        long z = a + 0x9E3779B97F4A7C15L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
