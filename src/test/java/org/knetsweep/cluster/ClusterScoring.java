package org.knetsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.knetsweep.data.ImageSet;

/**
 * The score step of the standalone-cluster test: a Parquet table of images to score, score's output compared with
 * predict's row by row, and the executors' own record of the tasks they ran.
 */
final class ClusterScoring {
    /**
     * The largest difference allowed between a probability of score and the same probability of predict. Not zero: a
     * float32 GEMM's result for a row depends in its last bits on the row's place in the batch, and score batches each
     * partition from its own first row while predict batches the whole file from row 0.
     */
    static final double TOLERANCE = 1e-6;

    private ClusterScoring() {
    }

    /**
     * Writes {@code images} to {@code dir} as Parquet in {@code files} files of consecutive rows: {@code index} (the
     * row's place in the batch file, as predict names it), {@code label}, {@code image} (binary of 3072 bytes).
     */
    static void writeImages(SparkSession spark, ImageSet images, Path dir, int files) {
        writeImages(spark, images, dir.toString(), files);
    }

    /** As {@link #writeImages(SparkSession, ImageSet, Path, int)}, to a Hadoop URI or path. */
    static void writeImages(SparkSession spark, ImageSet images, String dir, int files) {
        StructType schema = new StructType()
                .add("index", DataTypes.IntegerType, false)
                .add("label", DataTypes.IntegerType, false)
                .add("image", DataTypes.BinaryType, false);
        List<Row> rows = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++)
            rows.add(RowFactory.create(i, images.label(i),
                    Arrays.copyOfRange(images.pixels(), i * ImageSet.FEATURES, (i + 1) * ImageSet.FEATURES)));
        spark.createDataFrame(rows, schema).repartitionByRange(files, new org.apache.spark.sql.Column("index"))
                .sortWithinPartitions("index").write().parquet(dir);
    }

    /**
     * Asserts that {@code scored} and {@code predicted} have the same columns and the same rows (by {@code index}):
     * the same keys, the same predicted label and class, probabilities within {@link #TOLERANCE}. Returns the largest
     * difference of a probability.
     */
    static double assertSameRows(Dataset<Row> scored, Dataset<Row> predicted, int expectedRows) {
        assertEquals(List.of("index", "label", "predicted_label", "predicted_class", "probabilities"),
                List.of(scored.schema().fieldNames()));
        assertEquals(List.of(predicted.schema().fieldNames()), List.of(scored.schema().fieldNames()));
        List<Row> s = scored.orderBy("index").collectAsList();
        List<Row> p = predicted.orderBy("index").collectAsList();
        assertEquals(expectedRows, s.size(), "rows scored");
        assertEquals(expectedRows, p.size(), "rows predicted");
        double worst = 0;
        for (int i = 0; i < expectedRows; i++) {
            Row a = s.get(i);
            Row b = p.get(i);
            assertEquals(i, a.getInt(0), "scored keys are 0.." + (expectedRows - 1));
            assertEquals(b.getInt(0), a.getInt(0));
            assertEquals(b.getInt(1), a.getInt(1), "label of row " + i);
            assertEquals(b.getInt(2), a.getInt(2), "predicted_label of row " + i);
            assertEquals(b.getString(3), a.getString(3), "predicted_class of row " + i);
            List<Double> pa = a.getList(4);
            List<Double> pb = b.getList(4);
            assertEquals(pb.size(), pa.size(), "probabilities of row " + i);
            for (int k = 0; k < pa.size(); k++) {
                double d = Math.abs(pa.get(k) - pb.get(k));
                assertTrue(d <= TOLERANCE, "row " + i + " class " + k + ": score " + pa.get(k) + ", predict "
                        + pb.get(k));
                worst = Math.max(worst, d);
            }
        }
        return worst;
    }

    /**
     * How many output files of a Spark write to {@code output} each executor folder's log (stderr) says its tasks
     * saved: the output committer's "Saved output of task ... to .../_NAME.staging-..." lines, NAME being
     * {@code output}'s file name (score writes aside, then renames).
     */
    static Map<Path, Integer> savedOutputs(List<Path> executorDirs, Path output) {
        String staging = "/_" + output.getFileName() + ".staging-";
        Map<Path, Integer> saved = new TreeMap<>();
        for (Path e : executorDirs) {
            Path log = e.resolve("stderr");
            if (!Files.exists(log)) continue;
            try (var lines = Files.lines(log)) {
                int n = (int) lines.filter(l -> l.contains("Saved output of task") && l.contains(staging)).count();
                if (n > 0) saved.put(e, n);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return saved;
    }

    /** The data files (part-*) of a Parquet folder. */
    static int partFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().startsWith("part-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
