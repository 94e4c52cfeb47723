package org.knetsweep.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.knetsweep.model.PredictionTable;
import org.knetsweep.model.TrainedModel;

/**
 * The Spark work of {@code knet predict} and {@code knet score} behind plain Java types: a session whose scans are
 * tuned for images ({@link ModelScoring#tuneScans}), Parquet tables of images read ({@link ParquetInput}), scored
 * ({@link ModelScoring}) and written ({@link ScoreOutput}) or collected as a {@link PredictionTable}. Errors about
 * the input name it as {@code --input INPUT}.
 */
public final class ScoringSession {
    private final SparkSession spark;

    private ScoringSession(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * The session of {@link SparkSessions#local} with the scans of images tuned.
     *
     * @param masterOrNull a Spark master URL, or null for the default
     * @param appName      the application name shown by Spark
     */
    public static ScoringSession start(String masterOrNull, String appName) {
        SparkSession spark = SparkSessions.local(masterOrNull, appName);
        ModelScoring.tuneScans(spark);
        return new ScoringSession(spark);
    }

    /** Spark's default parallelism (for a local master, its cores). */
    public int cores() {
        return spark.sparkContext().defaultParallelism();
    }

    SparkSession spark() {
        return spark;
    }

    /** What {@link #scoreToParquet} did: the rows written, its seconds and the images per core-second. */
    public record ScoreRun(long rows, double seconds, double imagesPerCoreSecond) {
    }

    /**
     * Scores the Parquet table {@code input} into the Parquet folder {@code output}, measured: an existing output
     * without {@code overwrite} is refused before anything is read; the time runs from the input's reading to the
     * output's renaming into place, and the CPU time is the task threads' ({@link ScoreMeter}).
     */
    public ScoreRun scoreToParquet(String input, String column, TrainedModel model, String output,
                                   boolean overwrite) {
        ScoreOutput.checkAbsent(spark, output, overwrite);
        Dataset<Row> in = ParquetInput.read(spark, input);
        long t0 = System.nanoTime();
        ScoreMeter meter = ScoreMeter.register(spark);
        Dataset<Row> scored = ModelScoring.score(spark, in, column, model, where(input), meter);
        long n = ScoreOutput.write(spark, scored, output, overwrite);
        double s = (System.nanoTime() - t0) / 1e9;
        return new ScoreRun(n, s, meter.imagesPerCoreSecond());
    }

    /** Scores the Parquet table {@code input} into the Parquet folder {@code output}; returns the rows written. */
    public long predictToParquet(String input, String column, TrainedModel model, String output, boolean overwrite) {
        return ScoreOutput.write(spark, scored(input, column, model), output, overwrite);
    }

    /** The Parquet table {@code input} scored and collected on the driver, keyed by its columns but the image. */
    public PredictionTable predict(String input, String column, TrainedModel model) {
        Dataset<Row> scored = scored(input, column, model);
        return fromRows(scored.collectAsList(), scored.schema(), model.manifest().labelNames());
    }

    /**
     * Writes {@code table} as one Parquet file in the folder {@code output} (key {@code file} a string, other keys
     * integers, then the prediction columns of {@link ModelScoring#outputSchema}); returns the rows written.
     */
    public long write(PredictionTable table, String output, boolean overwrite) {
        return ScoreOutput.write(spark, toDataset(table), output, overwrite);
    }

    private Dataset<Row> scored(String input, String column, TrainedModel model) {
        Dataset<Row> in = ParquetInput.read(spark, input);
        return ModelScoring.score(spark, in, column, model, where(input));
    }

    private static String where(String input) {
        return "--input " + input;
    }

    private static PredictionTable fromRows(List<Row> scored, StructType schema, List<String> classes) {
        int keys = schema.size() - 3;
        List<String> names = List.of(schema.fieldNames()).subList(0, keys);
        List<Object[]> rows = new ArrayList<>();
        for (Row r : scored) {
            Object[] row = new Object[keys + 3];
            for (int j = 0; j < keys; j++) row[j] = r.get(j);
            row[keys] = r.getInt(keys);
            row[keys + 1] = r.getString(keys + 1);
            List<Double> probs = r.getList(keys + 2);
            row[keys + 2] = probs.stream().mapToDouble(Double::doubleValue).toArray();
            rows.add(row);
        }
        return new PredictionTable(names, rows, classes);
    }

    private Dataset<Row> toDataset(PredictionTable t) {
        StructType schema = new StructType();
        for (String k : t.keyNames())
            schema = schema.add(k, k.equals("file") ? DataTypes.StringType : DataTypes.IntegerType, false);
        schema = ModelScoring.outputSchema(schema, "");
        List<Row> rows = new ArrayList<>();
        for (Object[] r : t.rows()) {
            Object[] v = r.clone();
            double[] probs = (double[]) v[v.length - 1];
            List<Double> list = new ArrayList<>();
            for (double d : probs) list.add(d);
            v[v.length - 1] = scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, schema).coalesce(1);
    }
}
