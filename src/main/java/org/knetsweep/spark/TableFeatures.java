package org.knetsweep.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import org.knetsweep.KnetException;

/**
 * The features column of a table scored with a model trained on a table, in any of the three layouts the trainer
 * reads (docs/data.md): {@code binary} (one unsigned byte per feature), an array of numbers, or a Spark ML vector
 * (its {@code VectorUDT}, or the struct {type, size, indices, values} it is stored as, dense or sparse). Each row
 * must hold the model's width of features ({@code exact}), or at least that many when the model used only the first
 * features ({@code knet.data.feature-limit}); only the first {@code width} are used. Shipped to the executors.
 *
 * @param index   the column's index in the input rows
 * @param column  its name, for errors
 * @param layout  how its values are stored
 * @param type    its type (a vector's struct type for a vector)
 * @param width   the model's input width
 * @param exact   whether rows must be exactly {@code width} wide
 * @param model   "model SWEEP/TRIAL", for errors
 */
record TableFeatures(int index, String column, Layout layout, DataType type, int width, boolean exact, String model)
        implements Serializable {
    enum Layout { BINARY, ARRAY, VECTOR }

    static final String EXPECTED = "binary, an array of numbers or a Spark ML vector";

    /**
     * The features column {@code column} of {@code schema}.
     *
     * @param where names the table in error messages
     * @throws KnetException when the column is missing or of another type
     */
    static TableFeatures of(StructType schema, String column, String where, int width, boolean exact, String model) {
        if (!List.of(schema.fieldNames()).contains(column))
            throw new KnetException(where + " has no column '" + column + "' (columns: "
                    + String.join(", ", schema.fieldNames()) + "); name the features column with --column");
        StructField f = schema.apply(column);
        DataType t = f.dataType() instanceof UserDefinedType<?> u ? u.sqlType() : f.dataType();
        Layout layout = t instanceof BinaryType ? Layout.BINARY
                : numericArray(t) ? Layout.ARRAY
                : t instanceof StructType s && vector(s) ? Layout.VECTOR : null;
        if (layout == null)
            throw new KnetException(where + ": column '" + column + "' is " + f.dataType().simpleString()
                    + "; expected " + EXPECTED + " of " + width + " features");
        return new TableFeatures(schema.fieldIndex(column), column, layout, t, width, exact, model);
    }

    private static boolean numericArray(DataType t) {
        return t instanceof ArrayType a && a.elementType() instanceof NumericType;
    }

    private static boolean vector(StructType s) {
        List<String> names = List.of(s.fieldNames());
        return names.contains("type") && names.contains("size") && names.contains("indices")
                && names.contains("values") && s.apply("type").dataType() instanceof NumericType
                && s.apply("size").dataType() instanceof NumericType && numericArray(s.apply("indices").dataType())
                && numericArray(s.apply("values").dataType());
    }

    boolean isBytes() {
        return layout == Layout.BINARY;
    }

    /**
     * Copies the first {@link #width} features of {@code row} into {@code bytes[offset, offset + width)} (binary
     * layout) or {@code floats[offset, offset + width)} (the others).
     *
     * @param rowNumber the row's position in its partition, for errors
     */
    void read(InternalRow row, long rowNumber, byte[] bytes, float[] floats, int offset) {
        if (row.isNullAt(index)) throw problem(rowNumber, "is null");
        switch (layout) {
            case BINARY -> {
                byte[] b = row.getBinary(index);
                checkWidth(rowNumber, b.length);
                System.arraycopy(b, 0, bytes, offset, width);
            }
            case ARRAY -> {
                ArrayData a = row.getArray(index);
                checkWidth(rowNumber, a.numElements());
                copy(a, ((ArrayType) type).elementType(), rowNumber, floats, offset, width);
            }
            case VECTOR -> readVector(row.getStruct(index, ((StructType) type).size()), rowNumber, floats, offset);
        }
    }

    private void readVector(InternalRow v, long rowNumber, float[] floats, int offset) {
        StructType s = (StructType) type;
        int typeField = s.fieldIndex("type");
        int values = s.fieldIndex("values");
        if (v.isNullAt(typeField) || v.isNullAt(values)) throw problem(rowNumber, "holds a vector without values");
        int kind = (int) number(v, typeField, s.fields()[typeField].dataType());
        ArrayData vals = v.getArray(values);
        DataType valType = ((ArrayType) s.fields()[values].dataType()).elementType();
        if (kind == 1) {
            checkWidth(rowNumber, vals.numElements());
            copy(vals, valType, rowNumber, floats, offset, width);
            return;
        }
        if (kind != 0)
            throw problem(rowNumber, "holds a vector of type " + kind + " (expected 0, sparse, or 1, dense)");
        int sizeField = s.fieldIndex("size");
        int indicesField = s.fieldIndex("indices");
        if (v.isNullAt(sizeField) || v.isNullAt(indicesField))
            throw problem(rowNumber, "holds a sparse vector without a size or indices");
        checkWidth(rowNumber, (long) number(v, sizeField, s.fields()[sizeField].dataType()));
        ArrayData idx = v.getArray(indicesField);
        DataType idxType = ((ArrayType) s.fields()[indicesField].dataType()).elementType();
        if (idx.numElements() != vals.numElements())
            throw problem(rowNumber, "holds a sparse vector whose indices and values differ in length");
        java.util.Arrays.fill(floats, offset, offset + width, 0f);
        for (int k = 0; k < idx.numElements(); k++) {
            long j = (long) element(idx, k, idxType);
            if (j < 0) throw problem(rowNumber, "holds a sparse vector index " + j);
            if (j < width) floats[offset + (int) j] = finite(element(vals, k, valType), rowNumber, j);
        }
    }

    private void copy(ArrayData a, DataType element, long rowNumber, float[] out, int offset, int n) {
        for (int j = 0; j < n; j++) {
            if (a.isNullAt(j)) throw problem(rowNumber, "value " + j + " is null");
            out[offset + j] = finite(element(a, j, element), rowNumber, j);
        }
    }

    private float finite(double d, long rowNumber, long j) {
        float f = (float) d;
        if (!Float.isFinite(f)) throw problem(rowNumber, "value " + j + " is " + d + "; expected a finite number");
        return f;
    }

    private void checkWidth(long rowNumber, long n) {
        if (exact ? n != width : n < width)
            throw problem(rowNumber, "holds " + n + " features; " + model + " takes rows of "
                    + (exact ? "" : "at least ") + width);
    }

    private KnetException problem(long rowNumber, String what) {
        return new KnetException("row " + rowNumber + ": features column '" + column + "' " + what);
    }

    private static double number(InternalRow r, int i, DataType t) {
        return SqlNumbers.get(r, i, t, "a vector field");
    }

    private static double element(ArrayData a, int j, DataType t) {
        return SqlNumbers.get(a, j, t, "an array");
    }
}
