package org.knetsweep.model;

import java.util.List;
import java.util.SplittableRandom;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.TrainingConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.train.Trainer;
import org.knetsweep.train.TrainingListener;
import org.knetsweep.train.TrainingResult;

/** Test helper: small learnable image sets and a model trained on them. */
public final class ModelFixtures {
    public static final List<String> NAMES = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");

    private ModelFixtures() {
    }

    /** Images whose class is written into some of their first 200 pixels. */
    public static ImageSet learnable(int n, long seed) {
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

    public static DataSplit split(int features) {
        ImageSet train = learnable(600, 1);
        return new DataSplit(train, learnable(200, 2), learnable(300, 3), Standardizer.fit(train, features), NAMES);
    }

    public static RunConfig config(boolean bn, Precision p, int features) {
        DataConfig data = new DataConfig("auto", "", "", "data", 49_400, 0, features);
        NetworkConfig net = new NetworkConfig(List.of(20, 15), bn, InitScheme.HE, 0.1, 0.9, 1e-8);
        TrainingConfig t = new TrainingConfig(1e-3, 20, 1e-4, 5e-2, 60, 1, p, 0);
        return new RunConfig(7, data, net, t);
    }

    /** A trained run (test accuracy measured). */
    public static TrainingResult train(RunConfig cfg, DataSplit data) {
        return Trainer.train(cfg, data, true, TrainingListener.NONE);
    }

    public static TrainedModel model(RunConfig cfg, DataSplit data, TrainingResult r) {
        return TrainedModel.of("s1", "final-000", "abc123", cfg, data.features(), data.labelNames(), r.network(),
                data.standardizer(), r.test().accuracy());
    }
}
