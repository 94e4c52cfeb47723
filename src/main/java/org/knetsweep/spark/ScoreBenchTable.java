package org.knetsweep.spark;

import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.TrainedModel;

/**
 * The Spark work of {@code knet bench-score}: a Parquet table of random images (id, image), the jobs that score it
 * to a no-op sink or only read its images, and the executor CPU time of each job's tasks (Spark's task metrics,
 * through a listener registered until {@link #close}).
 */
public final class ScoreBenchTable implements AutoCloseable {
    private final SparkSession spark;
    private final Dataset<Row> table;
    private final int tasks;
    private final TaskCpu cpu = new TaskCpu();

    private ScoreBenchTable(SparkSession spark, Dataset<Row> table) {
        this.spark = spark;
        this.table = table;
        this.tasks = table.rdd().getNumPartitions();
        spark.sparkContext().addSparkListener(cpu);
    }

    /**
     * Writes a table of {@code n} rows (id, image) to the Parquet folder {@code path} in {@code files} files,
     * uniformly random bytes drawn per row on the executors, and reads it back.
     */
    public static ScoreBenchTable write(ScoringSession session, int n, String path, int files) {
        SparkSession spark = session.spark();
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("image", DataTypes.BinaryType, false);
        spark.range(0, n, 1, files).map((MapFunction<Long, Row>) id -> {
            SplittableRandom rng = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 5);
            byte[] image = new byte[ImageSet.FEATURES];
            for (int j = 0; j < image.length; j++) image[j] = (byte) rng.nextInt(256);
            return RowFactory.create(id, image);
        }, Encoders.row(schema)).write().parquet(path);
        return new ScoreBenchTable(spark, spark.read().parquet(path));
    }

    /** One scoring job: its wall seconds and what its tasks measured. */
    public record Job(double seconds, ScoreMeter meter) {
    }

    /** Scores the table's images with {@code model} to a no-op sink (the task CPU time counted from 0 again). */
    public Job score(TrainedModel model) {
        cpu.reset();
        ScoreMeter meter = ScoreMeter.register(spark);
        long t0 = System.nanoTime();
        ModelScoring.score(spark, table, "image", model, "benchmark table", meter).write().format("noop")
                .mode("overwrite").save();
        return new Job((System.nanoTime() - t0) / 1e9, meter);
    }

    /**
     * Reads the table's images as {@link #score} reads them, and drops them (the task CPU time counted from 0
     * again); returns the images read.
     */
    public long readImages() {
        cpu.reset();
        return ModelScoring.readImages(table, "image", "benchmark table");
    }

    /** The executor CPU seconds of the last job's tasks, once all have reported (or after 10 s). */
    public double taskCpuSeconds() {
        return cpu.await(tasks) / 1e9;
    }

    /** Stops counting the tasks' CPU time. */
    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(cpu);
    }
}
