package org.knetsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.Predictor;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One partition's internal rows scored batch by batch as the consumer pulls them: up to {@value Predictor#CHUNK}
 * images are copied into one pixel buffer (the input row's key columns projected and copied aside, since a scan
 * reuses its row object), scored in one forward pass, and returned as rows of the key values followed by the label,
 * the class name and the probabilities.
 */
final class ScoredPartition implements Iterator<InternalRow> {
    /**
     * Where the image (or the features column) is in an input row (every other column is a key), the class names,
     * and, for a model trained on a table, how its features column is read (null: CIFAR-10 images); shipped to
     * executors.
     */
    record Layout(StructType input, int image, List<String> classNames, TableFeatures features)
            implements Serializable {
        Layout {
            classNames = List.copyOf(classNames);
        }

        /** Values per row in the batch buffer. */
        int width() {
            return features == null ? ImageSet.FEATURES : features.width();
        }

        /** A projection of an input row onto its key columns (every column but the image). */
        UnsafeProjection keys() {
            List<Expression> keys = new ArrayList<>();
            for (int j = 0; j < input.size(); j++) {
                StructField f = input.fields()[j];
                if (j != image) keys.add(new BoundReference(j, f.dataType(), f.nullable()));
            }
            return UnsafeProjection.create(CollectionConverters.asScala(keys).toSeq());
        }
    }

    private final ImageRows rows;
    private final Predictor predictor;
    private final Layout layout;
    private final ScoreMeter meter;
    private final UTF8String[] classes;
    private final UnsafeProjection keyProjection;
    private final byte[] pixels;
    private final float[] values;
    private final InternalRow[] keys = new InternalRow[Predictor.CHUNK];
    private final InternalRow[] ready = new InternalRow[Predictor.CHUNK];
    private int size;
    private int next;
    private long cpuStart;
    private boolean measuring;
    private boolean ended;

    /** @param meter counts the partition's images and CPU time when it ends; null: not measured */
    ScoredPartition(ImageRows rows, Predictor predictor, Layout layout, ScoreMeter meter) {
        this.rows = rows;
        this.predictor = predictor;
        this.layout = layout;
        this.meter = meter;
        this.keyProjection = layout.keys();
        boolean floats = layout.features() != null && !layout.features().isBytes();
        this.pixels = floats ? null : new byte[Predictor.CHUNK * layout.width()];
        this.values = floats ? new float[Predictor.CHUNK * layout.width()] : null;
        this.classes = new UTF8String[layout.classNames().size()];
        for (int k = 0; k < classes.length; k++) classes[k] = UTF8String.fromString(layout.classNames().get(k));
    }

    /** The {@code size} rows in the buffer. */
    private ImageSet batch() {
        int w = layout.width();
        if (values != null)
            return ImageSet.ofFloats(size == Predictor.CHUNK ? values : Arrays.copyOf(values, size * w),
                    new byte[size], w);
        return ImageSet.ofBytes(size == Predictor.CHUNK ? pixels : Arrays.copyOf(pixels, size * w), new byte[size], w);
    }

    @Override
    public boolean hasNext() {
        if (next < size) return true;
        fill();
        return next < size;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) throw new NoSuchElementException();
        InternalRow r = ready[next];
        ready[next++] = null;
        return r;
    }

    private void fill() {
        if (meter != null && !measuring && !ended) {
            measuring = true;
            cpuStart = ScoreMeter.threadCpuNanos();
        }
        next = 0;
        size = 0;
        while (size < Predictor.CHUNK && rows.advance()) {
            if (layout.features() == null) rows.copyImage(pixels, size * ImageSet.FEATURES);
            else layout.features().read(rows.row(), rows.count() - 1, pixels, values, size * layout.width());
            keys[size++] = keyProjection.apply(rows.row()).copy(); // the scan reuses its row: the keys are copied
        }
        if (size == 0) {
            if (measuring) meter.add(rows.count(), ScoreMeter.threadCpuNanos() - cpuStart);
            measuring = false;
            ended = true; // counted once, even if hasNext is called again
            return;
        }
        Predictor.Predictions p = predictor.predict(batch());
        int c = p.classes();
        for (int i = 0; i < size; i++) {
            int label = p.labels()[i];
            double[] probs = new double[c];
            System.arraycopy(p.probabilities(), i * c, probs, 0, c);
            Object[] predicted = {label,
                    label < classes.length ? classes[label] : UTF8String.fromString(Integer.toString(label)),
                    UnsafeArrayData.fromPrimitiveArray(probs)};
            ready[i] = new JoinedRow(keys[i], new GenericInternalRow(predicted));
            keys[i] = null;
        }
    }
}
