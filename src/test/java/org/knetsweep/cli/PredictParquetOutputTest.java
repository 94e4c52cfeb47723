package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.model.Predictor;
import org.knetsweep.results.SparkTestSession;

/**
 * {@code knet predict --output FOLDER}: a batch file, an image folder and a Parquet table each predicted into a
 * Parquet folder, read back with their keys and the Predictor's labels and probabilities.
 */
@Tag("spark")
class PredictParquetOutputTest {
    @TempDir
    static Path dir;
    static ModelFixturesCli f;
    static SparkSession spark;
    static Predictor.Predictions expected;

    @BeforeAll
    static void model() {
        spark = SparkTestSession.get();
        f = new ModelFixturesCli(dir);
        expected = new Predictor(f.model).predict(f.data.test());
    }

    private static List<Row> predictTo(Path out, String input) {
        ModelFixturesCli.Run r = ModelFixturesCli.main("predict", f.row.path(), "--input", input, "--output",
                out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("predict: " + f.data.test().size() + " rows written to " + out + "\n", r.out());
        return spark.read().parquet(out.toString()).collectAsList();
    }

    private static void assertPrediction(int i, Row row, int label) {
        assertEquals(expected.labels()[i], row.getInt(label), "row " + i);
        assertEquals("c" + expected.labels()[i], row.getString(label + 1), "row " + i);
        List<Double> probs = row.getList(label + 2);
        assertEquals(10, probs.size());
        // float32 GEMM results depend on a row's place in its batch in the last bits
        for (int k = 0; k < 10; k++) assertEquals(expected.probability(i, k), probs.get(k), 1e-6, "row " + i);
    }

    @Test
    void aBatchFileKeepsItsIndexAndLabel() {
        Path out = dir.resolve("predicted-batch");
        List<Row> rows = predictTo(out, f.batch.toString());
        StructType schema = spark.read().parquet(out.toString()).schema();
        assertEquals(List.of("index", "label", "predicted_label", "predicted_class", "probabilities"),
                List.of(schema.fieldNames()));
        assertEquals(DataTypes.IntegerType, schema.apply("index").dataType());
        assertEquals(f.data.test().size(), rows.size());
        for (Row row : rows) {
            int i = row.getInt(0);
            assertEquals(f.data.test().label(i), row.getInt(1));
            assertPrediction(i, row, 2);
        }
    }

    @Test
    void anImageFolderIsKeyedByFileName() throws Exception {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        int n = f.data.test().size();
        for (int i = 0; i < n; i++)
            ImageIO.write(EvaluatePredictCommandTest.image(f.data.test(), i), "png",
                    images.resolve(String.format("img%03d.png", i)).toFile());
        Path out = dir.resolve("predicted-folder");
        List<Row> rows = predictTo(out, images.toString());
        StructType schema = spark.read().parquet(out.toString()).schema();
        assertEquals(List.of("file", "predicted_label", "predicted_class", "probabilities"),
                List.of(schema.fieldNames()));
        assertEquals(DataTypes.StringType, schema.apply("file").dataType());
        assertEquals(n, rows.size());
        for (Row row : rows) assertPrediction(Integer.parseInt(row.getString(0).substring(3, 6)), row, 1);
    }

    @Test
    void aParquetTableKeepsItsKeyColumns() {
        Path table = dir.resolve("images-binary");
        ImageTables.write(spark, f.data.test(), table, false, 2);
        Path out = dir.resolve("predicted-table");
        List<Row> rows = predictTo(out, table.toString());
        assertEquals(List.of("id", "label", "predicted_label", "predicted_class", "probabilities"),
                List.of(spark.read().parquet(out.toString()).schema().fieldNames()));
        assertEquals(f.data.test().size(), rows.size());
        for (Row row : rows) assertPrediction(row.getInt(0), row, 2);
    }
}
