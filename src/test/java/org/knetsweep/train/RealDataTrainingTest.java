package org.knetsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.TestInputs;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.TrainingConfig;
import org.knetsweep.data.Cifar10Loader;
import org.knetsweep.data.DataSplit;
import org.knetsweep.trial.TrainingStatus;

/** One cycle of the report's 3-layer batch-norm net on the real archive, (required under CI=true: see {@link TestInputs}). */
class RealDataTrainingTest {
    @Test
    void oneCycleOfTheThreeLayerNetReachesFortyFivePercent(@TempDir Path cache) {
        DataConfig data = new DataConfig(TestInputs.cifarArchive().toString(), "", "", cache.toString(), 5000, 0, 0);
        RunConfig cfg = new RunConfig(42, data,
                new NetworkConfig(List.of(50, 50), true, InitScheme.HE, 0.1, 0.9, 1e-8),
                new TrainingConfig(0.005, 100, 1e-5, 1e-1, 2250, 1, Precision.FLOAT32, 5000));
        DataSplit split = Cifar10Loader.load(data, 42, System.out);
        TrainingResult r = Trainer.train(cfg, split, true, TrainingListener.NONE);
        assertEquals(TrainingStatus.COMPLETE, r.status());
        assertEquals(4500, r.steps());
        assertTrue(r.finalValidation().accuracy() >= 0.45, "validation accuracy " + r.finalValidation().accuracy());
        assertTrue(r.test().accuracy() >= 0.45, "test accuracy " + r.test().accuracy());
    }
}
