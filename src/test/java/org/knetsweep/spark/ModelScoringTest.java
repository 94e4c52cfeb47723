package org.knetsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.ModelFixtures;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.results.SparkTestSession;

/** Scoring straight from a columnar scan's batches and from a plan's rows: the same rows, the Predictor's labels. */
class ModelScoringTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static TrainedModel model;
    static ImageSet images;
    static String table;

    @BeforeAll
    static void setUp() {
        spark = SparkTestSession.get();
        DataSplit data = ModelFixtures.split(ImageSet.FEATURES);
        RunConfig cfg = ModelFixtures.config(true, Precision.FLOAT32, ImageSet.FEATURES);
        model = ModelFixtures.model(cfg, data, ModelFixtures.train(cfg, data));
        images = ModelFixtures.learnable(1_300, 11);
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false)
                .add("image", DataTypes.BinaryType, true).add("name", DataTypes.StringType, true)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType), true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < images.size(); i++)
            rows.add(RowFactory.create(i, image(i), i % 7 == 0 ? null : "img-" + i,
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of("t" + i % 3, "x")).toSeq()));
        table = dir.resolve("images").toString();
        // 2 files of 650 rows: each partition is batched from its own first row, 500 + 150
        spark.createDataFrame(rows, schema).coalesce(2).write().parquet(table);
    }

    private static byte[] image(int i) {
        return Arrays.copyOfRange(images.pixels(), i * ImageSet.FEATURES, (i + 1) * ImageSet.FEATURES);
    }

    private static List<Row> scored(Dataset<Row> in) {
        return ModelScoring.score(spark, in, "image", model, "test table").orderBy("id").collectAsList();
    }

    @Test
    void aTableReadAsItIsIsScoredFromItsColumnBatches() {
        Dataset<Row> in = spark.read().parquet(table);
        assertNotNull(ModelScoring.columnarScan(executedPlan(in), in.schema()), "a bare Parquet read is columnar");
        Dataset<Row> filtered = in.filter("id >= 0");
        assertNull(ModelScoring.columnarScan(executedPlan(filtered), filtered.schema()), "a filter is rows");
    }

    @Test
    void batchesAndRowsGiveTheSameRowsAndThePredictorsLabels() {
        Dataset<Row> in = spark.read().parquet(table);
        List<Row> fromBatches = scored(in);
        List<Row> fromRows = scored(in.filter("id >= 0")); // the same partitions, through the plan's rows
        assertEquals(images.size(), fromBatches.size());
        assertEquals(List.of("id", "name", "tags", "predicted_label", "predicted_class", "probabilities"),
                List.of(ModelScoring.score(spark, in, "image", model, "t").schema().fieldNames()));
        Predictor.Predictions expected = new Predictor(model).predict(images);
        for (int i = 0; i < images.size(); i++) {
            Row b = fromBatches.get(i);
            assertEquals(fromRows.get(i), b, "row " + i); // every key and probability, to the last bit
            assertEquals(i, b.getInt(0));
            assertEquals(i % 7 == 0 ? null : "img-" + i, b.getString(1));
            assertEquals(List.of("t" + i % 3, "x"), b.getList(2));
            assertEquals(expected.labels()[i], b.getInt(3), "row " + i);
            assertEquals("c" + expected.labels()[i], b.getString(4));
            List<Double> p = b.getList(5);
            for (int k = 0; k < 10; k++) assertEquals(expected.probability(i, k), p.get(k), 1e-6, "row " + i);
        }
    }

    @Test
    void scansOfImagesReadSmallColumnBatchesUnlessTheUserChose() {
        String key = ModelScoring.SCAN_BATCH_KEY;
        try {
            spark.conf().unset(key);
            ModelScoring.tuneScans(spark);
            assertEquals("512", spark.conf().get(key));
            spark.conf().set(key, "2048");
            ModelScoring.tuneScans(spark);
            assertEquals("2048", spark.conf().get(key));
            // batches of 512 rows over partitions of 650: every row still scored once, as the Predictor labels it
            spark.conf().set(key, "512");
            List<Row> rows = scored(spark.read().parquet(table));
            Predictor.Predictions expected = new Predictor(model).predict(images);
            for (int i = 0; i < images.size(); i++) assertEquals(expected.labels()[i], rows.get(i).getInt(3));
        } finally {
            spark.conf().unset(key);
        }
    }

    @Test
    void theMeterCountsEveryImageOnce() {
        ScoreMeter meter = ScoreMeter.register(spark);
        ModelScoring.score(spark, spark.read().parquet(table), "image", model, "t", meter).write().format("noop")
                .mode("overwrite").save();
        assertEquals(images.size(), meter.images());
        assertTrue(meter.cpuSeconds() > 0 && meter.imagesPerCoreSecond() > 0, meter.cpuSeconds() + " s");
    }

    @Test
    void aNullImageInABatchIsNamed() {
        String withNull = dir.resolve("with-null").toString();
        spark.read().parquet(table).selectExpr("id", "IF(id = 3, NULL, image) AS image").coalesce(1).write()
                .parquet(withNull);
        Dataset<Row> in = spark.read().parquet(withNull);
        assertNotNull(ModelScoring.columnarScan(executedPlan(in), in.schema()));
        Exception e = assertThrows(Exception.class, () -> scored(in));
        String messages = messages(e);
        assertTrue(messages.contains("image column 'image' is null"), messages);
    }

    private static org.apache.spark.sql.execution.SparkPlan executedPlan(Dataset<Row> in) {
        return ((org.apache.spark.sql.classic.Dataset<Row>) in).queryExecution().executedPlan();
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) b.append(c.getMessage()).append('\n');
        return b.toString();
    }
}
