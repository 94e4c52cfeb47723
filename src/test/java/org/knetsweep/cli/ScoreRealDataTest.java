package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
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
import org.knetsweep.model.ModelEvaluation;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.SavedModels;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.results.ModelFiles;
import org.knetsweep.results.ResultStore;
import org.knetsweep.results.SparkTestSession;
import org.knetsweep.train.Trainer;
import org.knetsweep.train.TrainingListener;
import org.knetsweep.train.TrainingResult;

/**
 * The 10,000 real CIFAR-10 test images as a Parquet table (required under CI=true: see {@link TestInputs}), scored on local[2] by a network trained briefly on the
 * real training images: the same labels as predict row by row, and the trainer's test accuracy.
 */
@Tag("spark")
class ScoreRealDataTest {
    @Test
    void scoringTheRealTestSetMatchesPredictAndTheTrainersTestAccuracy(@TempDir Path dir) {
        DataConfig data = new DataConfig(TestInputs.cifarArchive().toString(), "", "", dir.resolve("cache").toString(),
                5000, 0, 0);
        RunConfig cfg = new RunConfig(42, data, new NetworkConfig(List.of(50, 50), true, InitScheme.HE, 0.1, 0.9, 1e-8),
                new TrainingConfig(0.01, 100, 1e-5, 1e-1, 225, 1, Precision.FLOAT32, 1000));
        DataSplit split = Cifar10Loader.load(data, 42, null);
        TrainingResult r = Trainer.train(cfg, split, true, TrainingListener.NONE);
        ModelFiles.Row row = SavedModels.save(new ResultStore(dir.resolve("results").toString()), "real", "final-000",
                "h", cfg, split, r.network(), r.test().accuracy());
        TrainedModel model = SavedModels.read(row.path(), Map.of());
        assertEquals(r.test().accuracy(), ModelEvaluation.of(model, split.test()).metrics().accuracy(), 0.0);

        SparkSession spark = SparkTestSession.get();
        Path table = dir.resolve("test-images");
        ImageTables.write(spark, split.test(), table, false, 4);
        Path out = dir.resolve("scored");
        ModelFixturesCli.Run run = ModelFixturesCli.main("score", row.path(), "--input", table.toString(), "--output",
                out.toString(), "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        Predictor.Predictions expected = new Predictor(model).predict(split.test());
        List<Row> rows = spark.read().parquet(out.toString()).orderBy("id").collectAsList();
        assertEquals(10_000, rows.size());
        int correct = 0;
        for (Row s : rows) {
            int i = s.getInt(0);
            assertEquals(expected.labels()[i], s.getInt(2), "image " + i);
            if (s.getInt(1) == s.getInt(2)) correct++;
        }
        assertEquals(r.test().accuracy(), correct / 10_000.0, 0.0);
    }
}
