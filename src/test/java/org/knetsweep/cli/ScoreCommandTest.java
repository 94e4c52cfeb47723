package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.model.ModelEvaluation;
import org.knetsweep.model.Predictor;
import org.knetsweep.results.SparkTestSession;

/** {@code knet score} (and predict on Parquet) on local[2]: the same labels as predict, evaluate's accuracy. */
@Tag("spark")
class ScoreCommandTest {
    @TempDir
    static Path dir;
    static ModelFixturesCli f;
    static SparkSession spark;
    static Path binaryTable;
    static Path arrayTable;

    @BeforeAll
    static void tables() {
        spark = SparkTestSession.get();
        f = new ModelFixturesCli(dir);
        binaryTable = dir.resolve("images-binary");
        arrayTable = dir.resolve("images-array");
        ImageTables.write(spark, f.data.test(), binaryTable, false, 3);
        ImageTables.write(spark, f.data.test(), arrayTable, true, 2);
    }

    @Test
    void scoredRowsMatchPredictRowByRowAndGiveEvaluatesAccuracy() {
        Predictor.Predictions expected = new Predictor(f.model).predict(f.data.test());
        double accuracy = ModelEvaluation.of(f.model, f.data.test()).metrics().accuracy();
        for (Path table : List.of(binaryTable, arrayTable)) {
            Path out = dir.resolve("scored-" + table.getFileName());
            ModelFixturesCli.Run r = ModelFixturesCli.main("score", "s1", "--results", f.root.toString(), "--input",
                    table.toString(), "--output", out.toString(), "--master", "local[2]");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("score: 300 rows of"), r.out());
            StructType schema = spark.read().parquet(out.toString()).schema();
            assertEquals(List.of("id", "label", "predicted_label", "predicted_class", "probabilities"),
                    List.of(schema.fieldNames()));
            assertEquals(DataTypes.createArrayType(DataTypes.DoubleType, true), schema.apply("probabilities").dataType());
            List<Row> rows = spark.read().parquet(out.toString()).orderBy("id").collectAsList();
            assertEquals(300, rows.size());
            int correct = 0;
            for (Row row : rows) {
                int i = row.getInt(0);
                assertEquals(expected.labels()[i], row.getInt(2), "row " + i);
                assertEquals("c" + expected.labels()[i], row.getString(3));
                List<Double> probs = row.getList(4);
                // float32 GEMM results depend on a row's place in its batch in the last bits; partitions are batched
                // from their own first row
                for (int k = 0; k < 10; k++) assertEquals(expected.probability(i, k), probs.get(k), 1e-6, "row " + i);
                if (row.getInt(1) == row.getInt(2)) correct++;
            }
            assertEquals(accuracy, correct / 300.0, 0.0);
            assertFalse(Files.exists(dir.resolve("_" + out.getFileName())));
        }
    }

    @Test
    void predictOnAParquetTableGivesTheSameLabels() throws Exception {
        Path csv = dir.resolve("parquet-predict.csv");
        ModelFixturesCli.Run r = ModelFixturesCli.main("predict", f.row.path(), "--input", binaryTable.toString(),
                "--output", csv.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(301, lines.size());
        assertTrue(lines.get(0).startsWith("id,label,predicted_label,predicted_class,p_c0"), lines.get(0));
        Predictor.Predictions expected = new Predictor(f.model).predict(f.data.test());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertEquals(expected.labels()[Integer.parseInt(cells[0])], Integer.parseInt(cells[2]), line);
        }
    }

    @Test
    void badTablesAndAnExistingOutputExitTwoAndWriteNothing() throws Exception {
        Path out = dir.resolve("never");
        assertUserError(ModelFixturesCli.main("score", f.row.path(), "--input", binaryTable.toString(), "--output",
                out.toString(), "--column", "pixels"), "has no column 'pixels' (columns: id, label, image)");
        assertUserError(ModelFixturesCli.main("score", f.row.path(), "--input", binaryTable.toString(), "--output",
                out.toString(), "--column", "label"), "column 'label' is int; expected binary");
        Path small = dir.resolve("small-images");
        spark.sql("SELECT 7 AS id, CAST(repeat('a', 3000) AS BINARY) AS image").write().parquet(small.toString());
        assertUserError(ModelFixturesCli.main("score", f.row.path(), "--input", small.toString(), "--output",
                out.toString()), "image column 'image' holds 3000 bytes; expected 3072");
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("_never")), "staging left behind");
        }
        Path existing = dir.resolve("existing");
        Files.createDirectories(existing);
        assertUserError(ModelFixturesCli.main("score", f.row.path(), "--input", binaryTable.toString(), "--output",
                existing.toString()), "exists; choose another path or add --overwrite");
        assertUserError(ModelFixturesCli.main("score", f.row.path(), "--input", dir.resolve("missing").toString(),
                "--output", out.toString()), "cannot read Parquet table");
    }

    private static void assertUserError(ModelFixturesCli.Run r, String expected) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
