package org.knetsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.DataFormat;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.TableConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.train.TrainingResult;

/** Models of a table's float rows carry its shape; models saved before tables were a source still load. */
class TableModelTest {
    private static final List<String> NAMES = List.of("ant", "bee", "cat", "dog");

    /** Float rows of 12 features whose class shifts three of them. */
    private static ImageSet rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n * 12];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int y = rng.nextInt(4);
            labels[i] = (byte) y;
            for (int j = 0; j < 12; j++) v[i * 12 + j] = (float) (rng.nextGaussian() * 3 + (j / 3 == y ? 4 : 0) - 7);
        }
        return ImageSet.ofFloats(v, labels, 12);
    }

    @Test
    void aTableModelRoundTripsWithItsShapeNamesAndDataUris() {
        ImageSet train = rows(600, 1);
        DataSplit split = new DataSplit(train, rows(200, 2), rows(300, 3), Standardizer.fit(train, 12), NAMES);
        DataConfig data = new DataConfig("auto", "", "", "data", 200, 0, 0, DataFormat.PARQUET,
                new TableConfig("hdfs://nn/t/train", "hdfs://nn/t/test", "", "species", "features", List.of(), "id"));
        RunConfig base = ModelFixtures.config(true, Precision.FLOAT32, 12);
        RunConfig cfg = new RunConfig(base.seed(), data, base.network(), base.training());
        TrainingResult r = ModelFixtures.train(cfg, split);
        assertTrue(r.test().accuracy() > 0.7, "learned: " + r.test().accuracy());
        TrainedModel model = TrainedModel.of("s", "final-000", "h", cfg, 12, NAMES, r.network(), split.standardizer(),
                r.test().accuracy());
        String json = ManifestJson.render(model.manifest());
        assertTrue(json.contains("\"label_names\": [\"ant\", \"bee\", \"cat\", \"dog\"]"), json);
        assertTrue(json.contains("\"image_shape\": []"), json);
        assertTrue(json.contains("\"train\": \"hdfs://nn/t/train\""), json);
        ModelManifest back = ManifestJson.parse(json, "test");
        assertEquals(cfg, back.run());
        assertEquals(12, back.inputs());
        assertEquals(NAMES, back.labelNames());
        Predictor.Predictions p = new Predictor(model).predict(split.test());
        int correct = 0;
        for (int i = 0; i < p.size(); i++) if (p.labels()[i] == split.test().label(i)) correct++;
        assertEquals(r.test().accuracy(), (double) correct / split.test().size(), 0.0);
        assertEquals(4, p.classes());
        // CIFAR-10 images are refused, not scored as 12 features
        ImageSet images = ModelFixtures.learnable(5, 1);
        org.knetsweep.KnetException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.knetsweep.KnetException.class, () -> new Predictor(model).predict(images));
        assertEquals("model s/final-000 takes rows of 12 features (trained on table hdfs://nn/t/train), not rows of "
                + "3072", e.getMessage());
    }

    @Test
    void aManifestWrittenBeforeTablesLoadsAsCifar10() {
        DataSplit split = ModelFixtures.split(3072);
        RunConfig cfg = ModelFixtures.config(true, Precision.FLOAT32, 3072);
        TrainedModel model = ModelFixtures.model(cfg, split, ModelFixtures.train(cfg, split));
        String json = ManifestJson.render(model.manifest());
        assertTrue(json.contains("\"image_shape\": [3, 32, 32]"), json);
        String old = json.replaceAll("(?m)^\\s*\"(image_shape|format)\": (\\[[^]]*]|\"cifar10\"),\\n", "");
        assertFalse(old.contains("image_shape") || old.contains("cifar10"), old);
        ModelManifest back = ManifestJson.parse(old, "old");
        assertEquals(cfg, back.run());
        assertFalse(back.run().data().isTable());
        assertEquals(List.of(3, 32, 32), back.imageShape());
        String bytes = new String(model.files().get(ModelManifest.FILE), StandardCharsets.UTF_8);
        assertEquals(json, bytes);
    }
}
