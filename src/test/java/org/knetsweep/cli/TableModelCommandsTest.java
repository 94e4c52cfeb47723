package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.DataFormat;
import org.knetsweep.config.TableConfig;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.SyntheticTables;
import org.knetsweep.data.TableLoader;
import org.knetsweep.data.SyntheticTables.Features;
import org.knetsweep.data.SyntheticTables.Labels;
import org.knetsweep.data.SyntheticTables.Spec;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.SavedModels;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.results.SparkTestSession;

/**
 * A sweep on a non-image table (2,000 rows of 40 features in 4 string-labelled classes) runs coarse, fine and final
 * and saves a model; evaluate reproduces its test accuracy exactly (on its own test table and on a copy named with
 * --data), predict and score read the features column in each layout and give the same labels, and bad input is
 * one line and exit 2.
 */
@Tag("spark")
class TableModelCommandsTest {
    private static final Spec SPEC = new Spec(2000, 40, 4, 11, 3, Labels.STRING, Features.VECTOR_DENSE);

    @TempDir
    static Path dir;
    static Path train;
    static Path test;
    static Path results;
    static String storedTestAccuracy;

    @BeforeAll
    static void sweep() {
        train = SyntheticTables.write(dir.resolve("train"), SPEC);
        // the same seed keeps the mixture's class means; its 400 rows are written as array<float>
        test = SyntheticTables.write(dir.resolve("test"), SPEC.withRows(400).with(Features.ARRAY_FLOAT));
        results = dir.resolve("results");
        List<String> args = new ArrayList<>(List.of("sweep", "--master", "local[2]", "--sweep-id", "tbl"));
        for (String s : List.of("knet.data.format=parquet", "knet.data.train=" + train, "knet.data.test=" + test,
                "knet.data.cache-dir=" + dir.resolve("cache"), "knet.data.validation-size=300",
                "knet.network.hidden=[16]", "knet.training.batch-size=50", "knet.training.step-size=34",
                "knet.training.cycles=1", "knet.training.eta-min=1e-4", "knet.training.eta-max=5e-2",
                "knet.training.train-eval-size=200", "knet.sweep.coarse.trials=3",
                "knet.sweep.coarse.log10-lambda-min=-5", "knet.sweep.coarse.log10-lambda-max=-2",
                "knet.sweep.fine.trials=2", "knet.sweep.final.cycles=1", "knet.results.root=" + results)) {
            args.add("--set");
            args.add(s);
        }
        InProcessKnet.Run run = InProcessKnet.knet(args);
        assertEquals(0, run.status(), run.out() + run.err());
        InProcessKnet.Run stages = query("SELECT stage, count(*) AS n, count(test_accuracy) AS tested FROM trials "
                + "GROUP BY stage ORDER BY stage");
        assertEquals(List.of("stage,n,tested", "coarse,3,0", "final,2,2", "fine,2,0"), stages.out().lines().toList());
        InProcessKnet.Run acc = query("SELECT test_accuracy FROM trials WHERE trial_id = 'final-000'");
        storedTestAccuracy = acc.out().lines().toList().get(1);
        assertTrue(Double.parseDouble(storedTestAccuracy) > 0.5, "learned: " + storedTestAccuracy);
    }

    private static InProcessKnet.Run query(String sql) {
        InProcessKnet.Run q = InProcessKnet.knet(List.of("query", sql, "--results", results.toString(), "--format",
                "csv", "--limit", "0"));
        assertEquals(0, q.status(), q.out() + q.err());
        return q;
    }

    private static String fourDigits(String accuracy) {
        return String.format(Locale.ROOT, "%.4f", Double.parseDouble(accuracy));
    }

    @Test
    void evaluateReproducesTheStoredTestAccuracyOnItsOwnTestTableAndOnACopy() throws Exception {
        InProcessKnet.Run own = InProcessKnet.knet(List.of("evaluate", "tbl", "--results", results.toString()));
        assertEquals(0, own.status(), own.out() + own.err());
        assertTrue(own.out().contains("data table " + test + ": 400 rows\n"), own.out());
        assertTrue(own.out().contains("test_accuracy=" + fourDigits(storedTestAccuracy) + " "), own.out());
        // "the same": equal as doubles, not only to four digits
        assertTrue(own.out().contains("saved with test_accuracy=" + fourDigits(storedTestAccuracy) + " (the same)"),
                own.out());
        // per-class figures by the table's class names (sorted labels)
        for (String name : List.of("class-w", "class-x", "class-y", "class-z"))
            assertTrue(own.out().lines().anyMatch(l -> l.matches(name + " +\\d\\.\\d{4} +\\d+")), own.out());

        Path copy = dir.resolve("test-copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(test)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        Path png = dir.resolve("figures");
        InProcessKnet.Run other = InProcessKnet.knet(List.of("evaluate", "tbl", "--results", results.toString(),
                "--data", copy.toString(), "--out", png.toString()));
        assertEquals(0, other.status(), other.out() + other.err());
        assertTrue(other.out().contains("data table " + copy + ": 400 rows\n"), other.out());
        assertTrue(other.out().contains("(the same)"), other.out());
        assertTrue(Files.size(png.resolve("confusion-final-000.png")) > 0);
    }

    @Test
    void scoreAndPredictGiveTheSameLabelsInEveryLayout() throws Exception {
        Path csv = dir.resolve("predicted.csv");
        InProcessKnet.Run p = InProcessKnet.knet(List.of("predict", "tbl", "--results", results.toString(),
                "--input", test.toString(), "--output", csv.toString()));
        assertEquals(0, p.status(), p.out() + p.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(401, lines.size());
        assertTrue(lines.get(0).startsWith("id,label,predicted_label,predicted_class,p_class-w,p_class-x"),
                lines.get(0));
        Map<Long, Integer> predicted = new HashMap<>();
        int correct = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            predicted.put(Long.parseLong(cells[0]), Integer.parseInt(cells[2]));
            if (cells[1].equals(cells[3])) correct++;
        }
        // predict's labels give the sweep's test accuracy
        assertEquals(Double.parseDouble(storedTestAccuracy), correct / 400.0, 0.0);

        SparkSession spark = SparkTestSession.get();
        Path scored = dir.resolve("scored");
        InProcessKnet.Run s = InProcessKnet.knet(List.of("score", "tbl", "--results", results.toString(), "--input",
                test.toString(), "--output", scored.toString(), "--master", "local[2]"));
        assertEquals(0, s.status(), s.out() + s.err());
        assertTrue(s.out().contains("score: 400 rows of " + test), s.out());
        assertTrue(s.out().contains(" rows/s per core of task CPU time"), s.out()); // a table of features, not images
        assertEquals(predicted, labels(spark, scored));

        // the training table (a Spark ML vector column): its first 400 rows are the test table's, as doubles
        Path scoredTrain = dir.resolve("scored-train");
        InProcessKnet.Run v = InProcessKnet.knet(List.of("score", "tbl", "--results", results.toString(), "--input",
                train.toString(), "--output", scoredTrain.toString(), "--column", "features"));
        assertEquals(0, v.status(), v.out() + v.err());
        Map<Long, Integer> fromVectors = labels(spark, scoredTrain);
        assertEquals(2000, fromVectors.size());
        for (Map.Entry<Long, Integer> e : predicted.entrySet())
            assertEquals(e.getValue(), fromVectors.get(e.getKey()), "row " + e.getKey());

        // sparse vectors: the labels of the rows as the trainer reads them (densified)
        Path sparse = SyntheticTables.write(dir.resolve("sparse"), SPEC.withRows(300).with(Features.VECTOR_SPARSE));
        Path out = dir.resolve("scored-sparse");
        InProcessKnet.Run r = InProcessKnet.knet(List.of("score", "tbl", "--results", results.toString(), "--input",
                sparse.toString(), "--output", out.toString()));
        assertEquals(0, r.status(), r.out() + r.err());
        ImageSet rows = TableLoader.read(new DataConfig("auto", "", "", dir.resolve("cache").toString(), 10, 0, 0,
                DataFormat.PARQUET, new TableConfig(sparse.toString(), "", "", "label", "features", List.of(), "")),
                null).train();
        TrainedModel model = SavedModels.read(results.resolve("model-files/sweep_id=tbl/final-000").toString(),
                Map.of());
        Predictor.Predictions p2 = new Predictor(model).predict(rows);
        Map<Long, Integer> expected = new HashMap<>();
        for (int i = 0; i < p2.size(); i++) expected.put((long) i, p2.labels()[i]);
        assertEquals(expected, labels(spark, out));
    }

    private static Map<Long, Integer> labels(SparkSession spark, Path table) {
        Map<Long, Integer> out = new HashMap<>();
        for (Row r : spark.read().parquet(table.toString()).select("id", "predicted_label").collectAsList())
            out.put(r.getLong(0), r.getInt(1));
        return out;
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path narrow = SyntheticTables.write(dir.resolve("narrow"), new Spec(50, 7, 4, 11, 1, Labels.STRING,
                Features.ARRAY_FLOAT));
        WholeStderr.Run wide = WholeStderr.knet(List.of("evaluate", "tbl", "--results", results.toString(),
                "--data", narrow.toString()));
        assertTrue(wide.oneUserErrorLine(), wide.status() + "\n" + wide.err());
        assertEquals("knet: model tbl/final-000 takes rows of 40 features (trained on table " + train
                + "), not rows of 7\n", wide.err());

        Path unlabelled = dir.resolve("unlabelled");
        SparkTestSession.get().read().parquet(test.toString()).select("id", "features").write()
                .parquet(unlabelled.toString());
        WholeStderr.Run noLabel = WholeStderr.knet(List.of("evaluate", "tbl", "--results", results.toString(),
                "--data", unlabelled.toString()));
        assertTrue(noLabel.oneUserErrorLine(), noLabel.status() + "\n" + noLabel.err());
        assertTrue(noLabel.err().startsWith("knet: table " + unlabelled + " (--data): no column label "), noLabel.err());

        Path out = dir.resolve("never");
        WholeStderr.Run score = WholeStderr.knet(List.of("score", "tbl", "--results", results.toString(), "--input",
                narrow.toString(), "--output", out.toString(), "--master", "local[2]"));
        assertTrue(score.oneUserErrorLine(), score.status() + "\n" + score.err());
        assertTrue(score.err().contains("features column 'features' holds 7 features; model tbl/final-000 takes "
                + "rows of 40\n"), score.err());
        WholeStderr.Run column = WholeStderr.knet(List.of("score", "tbl", "--results", results.toString(), "--input",
                test.toString(), "--output", out.toString(), "--column", "pixels"));
        assertTrue(column.oneUserErrorLine(), column.status() + "\n" + column.err());
        assertTrue(column.err().contains("has no column 'pixels' (columns: id, label, features); name the features "
                + "column with --column"), column.err());
        assertFalse(Files.exists(out));
        WholeStderr.Run images = WholeStderr.knet(List.of("predict", "tbl", "--results", results.toString(),
                "--input", dir.toString()));
        assertTrue(images.oneUserErrorLine(), images.status() + "\n" + images.err());
    }
}
