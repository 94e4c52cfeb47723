package org.knetsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.TrainingConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.TrainingStatus;

/** Training on small synthetic data whose class is written into the pixels, so that a network can learn it. */
class TrainerTest {
    static ImageSet learnable(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * ImageSet.FEATURES];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int y = rng.nextInt(10);
            labels[i] = (byte) y;
            for (int j = 0; j < ImageSet.FEATURES; j++) {
                int v = rng.nextInt(150) + (j % 10 == y && j < 200 ? 100 : 0);
                px[i * ImageSet.FEATURES + j] = (byte) v;
            }
        }
        return new ImageSet(px, labels);
    }

    static DataSplit split(int features) {
        ImageSet train = learnable(600, 1);
        return new DataSplit(train, learnable(200, 2), learnable(200, 3), Standardizer.fit(train, features),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    static RunConfig config(boolean bn, double lambda, Precision p, long seed) {
        DataConfig data = new DataConfig("auto", "", "", "data", 49_400, 0, 200);
        NetworkConfig net = new NetworkConfig(List.of(20, 15), bn, InitScheme.HE, 0.1, 0.9, 1e-8);
        TrainingConfig t = new TrainingConfig(lambda, 20, 1e-4, 5e-2, 60, 2, p, 0);
        return new RunConfig(seed, data, net, t);
    }

    @Test
    void learnsASeparableProblemWithAndWithoutBatchNorm() {
        DataSplit data = split(200);
        for (boolean bn : new boolean[] {true, false}) {
            TrainingResult r = Trainer.train(config(bn, 1e-4, Precision.FLOAT32, 5), data, true, TrainingListener.NONE);
            assertEquals(TrainingStatus.COMPLETE, r.status());
            assertEquals(240, r.steps());
            assertEquals(8, r.epochs().size()); // 600 / 20 = 30 steps per epoch
            assertTrue(r.finalValidation().accuracy() > 0.8, "val " + r.finalValidation().accuracy());
            assertTrue(r.test().accuracy() > 0.8, "test " + r.test().accuracy());
            assertTrue(r.epochs().get(7).trainLoss() < r.epochs().get(0).trainLoss());
            assertEquals(r.epochs().get(7).valAccuracy(), r.finalValidation().accuracy(), 0.0);
        }
    }

    @Test
    void sameSeedSameResultBitForBitAndAnotherSeedDiffers() {
        DataSplit data = split(200);
        for (Precision p : Precision.values()) {
            TrainingResult a = Trainer.train(config(true, 1e-3, p, 9), data, false, TrainingListener.NONE);
            TrainingResult b = Trainer.train(config(true, 1e-3, p, 9), data, false, TrainingListener.NONE);
            TrainingResult c = Trainer.train(config(true, 1e-3, p, 10), data, false, TrainingListener.NONE);
            assertEquals(a.epochs(), b.epochs());
            assertNotEquals(a.epochs(), c.epochs());
        }
    }

    @Test
    void aHugeLambdaDivergesAndIsReportedNotThrown() {
        TrainingResult r = Trainer.train(config(false, 1e4, Precision.FLOAT32, 1), split(200), true,
                TrainingListener.NONE);
        assertEquals(TrainingStatus.DIVERGED, r.status());
        assertTrue(r.message().contains("became"), r.message());
        assertTrue(r.steps() < 240);
    }

    @Test
    void epochMetricsCarryTheScheduleAndTheL2Term() {
        TrainingResult r = Trainer.train(config(true, 1e-2, Precision.FLOAT64, 3), split(200), false,
                TrainingListener.NONE);
        EpochMetrics m = r.epochs().get(1); // after step 60: the peak of the first cycle was the step before
        assertEquals(60, m.step());
        assertEquals(new TriangularClr(1e-4, 5e-2, 60).at(59), m.learningRate(), 1e-15);
        assertTrue(m.valCost() > m.valLoss(), "cost includes lambda * sum ||W||^2");
    }
}
