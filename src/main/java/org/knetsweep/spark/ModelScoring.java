package org.knetsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.ModelManifest;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.TrainedModel;

/**
 * Batch scoring of a table of images on Spark: the model's files are broadcast once (each executor parses them
 * once and caches the model), each partition is scored in batches of {@value Predictor#CHUNK} rows with the
 * trainer's forward pass (one GEMM per layer and batch), and each row comes back with its key columns (every input
 * column but the image) plus {@value #LABEL}, {@value #CLASS} and {@value #PROBABILITIES}.
 *
 * <p>The scoring runs on Spark's internal rows ({@link ScoredPartition}): the scan's rows (or, for a table read as
 * it is, its column batches) go in and the output rows come out without a conversion to and from {@link Row}
 * objects, which would copy every 3 KB image twice more and box every probability.
 */
public final class ModelScoring {
    public static final String LABEL = "predicted_label";
    public static final String CLASS = "predicted_class";
    public static final String PROBABILITIES = "probabilities";

    /** Parsed models by broadcast key, per executor JVM: at most {@value #KEPT_MODELS}. */
    private static final Map<String, TrainedModel> MODELS = new ConcurrentHashMap<>();
    private static final int KEPT_MODELS = 4;
    private static final ThreadLocal<Predictor> PREDICTOR = new ThreadLocal<>();

    /** What is broadcast: the artifact's files and a key unique to this scoring job. */
    record Shipped(String key, Map<String, byte[]> files) implements Serializable {
    }

    private ModelScoring() {
    }

    /** Spark's setting for the rows per column batch of a Parquet scan. */
    public static final String SCAN_BATCH_KEY = "spark.sql.parquet.columnarReaderBatchSize";
    /**
     * Rows per column batch when scanning images: 512 images (1.5 MB) stay in the caches while they are copied out,
     * where Spark's default 4,096 (12 MB) does not; the table's read costs about half as much.
     */
    public static final int SCAN_BATCH_ROWS = 512;

    /**
     * Sets {@value #SCAN_BATCH_KEY} to {@value #SCAN_BATCH_ROWS} in {@code spark}'s session for the scans of images
     * that follow, unless the user set it (with spark-submit --conf or in the session).
     */
    public static void tuneScans(SparkSession spark) {
        if (!spark.conf().contains(SCAN_BATCH_KEY) && !spark.sparkContext().getConf().contains(SCAN_BATCH_KEY))
            spark.conf().set(SCAN_BATCH_KEY, SCAN_BATCH_ROWS);
    }

    /** The output schema: the input's columns without {@code imageColumn}, then the three prediction columns. */
    public static StructType outputSchema(StructType input, String imageColumn) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : input.fields()) if (!f.name().equals(imageColumn)) fields.add(f);
        fields.add(DataTypes.createStructField(LABEL, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(CLASS, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(PROBABILITIES, DataTypes.createArrayType(DataTypes.DoubleType, false),
                false));
        return DataTypes.createStructType(fields);
    }

    /**
     * The scored table (lazy: nothing runs until it is written or collected).
     *
     * @param where names the input in error messages
     */
    public static Dataset<Row> score(SparkSession spark, Dataset<Row> input, String imageColumn, TrainedModel model,
                                     String where) {
        return score(spark, input, imageColumn, model, where, null);
    }

    /**
     * The scored table, measured by {@code meterOrNull} as its partitions are scored.
     *
     * @param where names the input in error messages
     */
    public static Dataset<Row> score(SparkSession spark, Dataset<Row> input, String imageColumn, TrainedModel model,
                                     String where, ScoreMeter meterOrNull) {
        StructType in = input.schema();
        TableFeatures features = tableFeatures(in, imageColumn, model, where);
        int imageIndex = features != null ? features.index() : ImageColumn.check(in, imageColumn, where);
        StructType out = outputSchema(in, imageColumn);
        Broadcast<Shipped> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new Shipped(UUID.randomUUID().toString(), model.files()));
        ScoredPartition.Layout layout = new ScoredPartition.Layout(in, imageIndex, model.manifest().labelNames(),
                features);
        RDD<InternalRow> scored = overImages(input, imageIndex, imageColumn,
                rows -> new ScoredPartition(rows, predictor(shipped.value()), layout, meterOrNull)).rdd();
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(scored, out, false);
    }

    /**
     * How the features column is read for a model trained on a table (its rows exactly the model's width, or at
     * least that wide when it used only the first features); null for a CIFAR-10 model, which reads images.
     */
    private static TableFeatures tableFeatures(StructType in, String column, TrainedModel model, String where) {
        ModelManifest m = model.manifest();
        if (!m.run().data().isTable()) return null;
        return TableFeatures.of(in, column, where, m.inputs(), m.run().data().featureLimit() == 0,
                "model " + m.sweepId() + "/" + m.trialId());
    }

    /**
     * Reads every image of {@code input} as {@link #score} does (checking each), without scoring; returns the count.
     *
     * @param where names the input in error messages
     */
    public static long readImages(Dataset<Row> input, String imageColumn, String where) {
        int image = ImageColumn.check(input.schema(), imageColumn, where);
        List<Long> counts = overImages(input, image, imageColumn, rows -> {
            byte[] pixels = new byte[ImageSet.FEATURES];
            while (rows.advance()) rows.copyImage(pixels, 0);
            return List.of(rows.count()).iterator();
        }).collect();
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /** {@code f} applied to each partition's images: from its column batches when the input is a bare scan. */
    private static <T> JavaRDD<T> overImages(Dataset<Row> input, int image, String column,
                                             FlatMapFunction<ImageRows, T> f) {
        StructType in = input.schema();
        DataType type = in.fields()[image].dataType();
        QueryExecution plan = ((org.apache.spark.sql.classic.Dataset<Row>) input).queryExecution();
        SparkPlan scan = columnarScan(plan.executedPlan(), in);
        if (scan != null)
            return scan.executeColumnar().toJavaRDD()
                    .mapPartitions(batches -> f.call(ImageRows.ofBatches(batches, image, type, column)));
        return plan.toRdd().toJavaRDD().mapPartitions(rows -> f.call(ImageRows.ofRows(rows, image, type, column)));
    }

    /**
     * The columnar scan under {@code plan} when the plan is nothing but that scan turned into rows (a Parquet table
     * read as it is), so that its batches can be scored directly; null otherwise (the plan's rows are scored).
     */
    static SparkPlan columnarScan(SparkPlan plan, StructType schema) {
        SparkPlan p = plan instanceof WholeStageCodegenExec w ? w.child() : plan;
        if (p instanceof InputAdapter a) p = a.child();
        if (!(p instanceof ColumnarToRowExec c) || !c.child().supportsColumnar()) return null;
        return c.child().schema().equals(schema) ? c.child() : null;
    }

    /**
     * This task thread's predictor of the shipped model: the model is parsed once per executor JVM (the last few
     * models are kept), and a predictor (with its workspaces) is kept per task thread, which Spark reuses.
     */
    private static Predictor predictor(Shipped s) {
        TrainedModel model = MODELS.get(s.key());
        if (model == null) {
            if (MODELS.size() >= KEPT_MODELS) MODELS.clear();
            model = MODELS.computeIfAbsent(s.key(), k -> TrainedModel.read("broadcast model", name -> {
                byte[] b = s.files().get(name);
                if (b == null) throw new IllegalStateException("broadcast model lacks " + name);
                return b;
            }));
        }
        Predictor p = PREDICTOR.get();
        if (p == null || p.model() != model) {
            p = new Predictor(model);
            PREDICTOR.set(p);
        }
        return p;
    }
}
