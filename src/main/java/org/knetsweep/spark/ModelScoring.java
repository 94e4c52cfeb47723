package org.knetsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.TrainedModel;

/**
 * Batch scoring of a table of images on Spark: the model's files are broadcast once (each executor parses them
 * once and caches the model), each partition is scored in batches of {@value Predictor#CHUNK} rows with the
 * trainer's forward pass (one GEMM per layer and batch), and each row comes back with its key columns (every input
 * column but the image) plus {@value #LABEL}, {@value #CLASS} and {@value #PROBABILITIES}.
 */
public final class ModelScoring {
    public static final String LABEL = "predicted_label";
    public static final String CLASS = "predicted_class";
    public static final String PROBABILITIES = "probabilities";

    /** Parsed models by broadcast key, per executor JVM. */
    private static final Map<String, TrainedModel> MODELS = new ConcurrentHashMap<>();

    /** What is broadcast: the artifact's files and a key unique to this scoring job. */
    record Shipped(String key, Map<String, byte[]> files) implements Serializable {
    }

    private ModelScoring() {
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
        StructType in = input.schema();
        int imageIndex = ImageColumn.check(in, imageColumn, where);
        StructType out = outputSchema(in, imageColumn);
        Broadcast<Shipped> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new Shipped(UUID.randomUUID().toString(), model.files()));
        List<String> names = model.manifest().labelNames();
        int keys = in.size();
        MapPartitionsFunction<Row, Row> f = rows -> new Scored(rows, predictor(shipped.value()), imageIndex,
                imageColumn, keys, names);
        return input.mapPartitions(f, Encoders.row(out));
    }

    private static Predictor predictor(Shipped s) {
        TrainedModel model = MODELS.computeIfAbsent(s.key(), k -> TrainedModel.read("broadcast model",
                name -> {
                    byte[] b = s.files().get(name);
                    if (b == null) throw new IllegalStateException("broadcast model lacks " + name);
                    return b;
                }));
        return new Predictor(model);
    }

    /** A partition's rows scored batch by batch as the consumer pulls them. */
    private static final class Scored implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final Predictor predictor;
        private final int imageIndex;
        private final String column;
        private final int fields;
        private final List<String> names;
        private final byte[] pixels = new byte[Predictor.CHUNK * ImageSet.FEATURES];
        private final List<Row> batch = new ArrayList<>(Predictor.CHUNK);
        private final List<Row> ready = new ArrayList<>(Predictor.CHUNK);
        private final long partition;
        private long seen;
        private int next;

        Scored(Iterator<Row> rows, Predictor predictor, int imageIndex, String column, int fields,
               List<String> names) {
            this.rows = rows;
            this.predictor = predictor;
            this.imageIndex = imageIndex;
            this.column = column;
            this.fields = fields;
            this.names = names;
            TaskContext tc = TaskContext.get();
            this.partition = tc == null ? 0 : tc.partitionId();
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) return true;
            fill();
            return next < ready.size();
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            return ready.get(next++);
        }

        private void fill() {
            ready.clear();
            batch.clear();
            next = 0;
            while (batch.size() < Predictor.CHUNK && rows.hasNext()) {
                Row r = rows.next();
                ImageColumn.read(r, imageIndex, column, seen++, pixels, batch.size() * ImageSet.FEATURES);
                batch.add(r);
            }
            if (batch.isEmpty()) return;
            int n = batch.size();
            byte[] px = n == Predictor.CHUNK ? pixels : java.util.Arrays.copyOf(pixels, n * ImageSet.FEATURES);
            Predictor.Predictions p = predictor.predict(new ImageSet(px, new byte[n]));
            int c = p.classes();
            for (int i = 0; i < n; i++) {
                Row r = batch.get(i);
                Object[] values = new Object[fields + 2];
                int k = 0;
                for (int j = 0; j < fields; j++) if (j != imageIndex) values[k++] = r.get(j);
                double[] probs = new double[c];
                System.arraycopy(p.probabilities(), i * c, probs, 0, c);
                values[k++] = p.labels()[i];
                values[k++] = p.labels()[i] < names.size() ? names.get(p.labels()[i]) : Integer.toString(p.labels()[i]);
                values[k] = scala.jdk.javaapi.CollectionConverters.asScala(toList(probs)).toSeq();
                ready.add(RowFactory.create(values));
            }
        }

        private static List<Double> toList(double[] v) {
            List<Double> out = new ArrayList<>(v.length);
            for (double d : v) out.add(d);
            return out;
        }
    }
}
