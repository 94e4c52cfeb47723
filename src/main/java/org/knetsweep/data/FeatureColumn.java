package org.knetsweep.data;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * How a features column is stored, read from its Parquet type, and the decoding of one row's value:
 * <ul>
 * <li>{@link Layout#BINARY}: a binary column, one unsigned byte per feature (an image, say);</li>
 * <li>{@link Layout#ARRAY}: a list of float, double, int or long (Spark's {@code array<...>}, in the standard
 * three-level layout or the legacy two-level one);</li>
 * <li>{@link Layout#VECTOR}: a Spark ML vector as Spark stores it, a struct {type: 0 sparse / 1 dense, size,
 * indices, values}.</li>
 * </ul>
 */
final class FeatureColumn {
    enum Layout { BINARY, ARRAY, VECTOR }

    static final String EXPECTED = "binary, array<float|double|int> or a Spark ML vector";

    private final String name;
    private final Layout layout;
    private final int index;

    private FeatureColumn(String name, Layout layout, int index) {
        this.name = name;
        this.layout = layout;
        this.index = index;
    }

    /** The same column at field {@code i} of the rows read (the projection's position: no lookup by name per row). */
    FeatureColumn at(int i) {
        return new FeatureColumn(name, layout, i);
    }

    Layout layout() {
        return layout;
    }

    /** The column's layout, or null when its type is none of the three (the caller names it). */
    static FeatureColumn of(Type type) {
        String name = type.getName();
        if (type.isPrimitive()) {
            PrimitiveType p = type.asPrimitiveType();
            boolean string = p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
            return p.getPrimitiveTypeName() == PrimitiveTypeName.BINARY && !string && !type.isRepetition(Type.Repetition.REPEATED)
                    ? new FeatureColumn(name, Layout.BINARY, -1) : null;
        }
        GroupType g = type.asGroupType();
        if (numericList(g)) return new FeatureColumn(name, Layout.ARRAY, -1);
        if (g.containsField("type") && g.containsField("size") && g.containsField("indices") && g.containsField("values")
                && g.getType("type").isPrimitive() && g.getType("size").isPrimitive()
                && !g.getType("indices").isPrimitive() && numericList(g.getType("indices").asGroupType())
                && !g.getType("values").isPrimitive() && numericList(g.getType("values").asGroupType()))
            return new FeatureColumn(name, Layout.VECTOR, -1);
        return null;
    }

    /** A LIST group whose elements are numbers. */
    private static boolean numericList(GroupType g) {
        if (!(g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
                || g.getFieldCount() != 1) return false;
        Type repeated = g.getType(0);
        if (!repeated.isRepetition(Type.Repetition.REPEATED)) return false;
        Type element = repeated.isPrimitive() ? repeated
                : repeated.asGroupType().getFieldCount() == 1 ? repeated.asGroupType().getType(0) : null;
        return element != null && element.isPrimitive() && numeric(element.asPrimitiveType().getPrimitiveTypeName());
    }

    private static boolean numeric(PrimitiveTypeName t) {
        return t == PrimitiveTypeName.FLOAT || t == PrimitiveTypeName.DOUBLE || t == PrimitiveTypeName.INT32
                || t == PrimitiveTypeName.INT64;
    }

    /** The column's value in {@code row} as bytes (BINARY, not copied), or null when the value is null. */
    Binary bytes(Group row) {
        return row.getFieldRepetitionCount(index) == 0 ? null : row.getBinary(index, 0);
    }

    /**
     * The column's value in {@code row} as floats (ARRAY or VECTOR), or null when the value is null.
     *
     * @throws RowProblem for a null element, or a vector whose indices and values disagree
     */
    float[] floats(Group row) {
        if (row.getFieldRepetitionCount(index) == 0) return null;
        Group value = row.getGroup(index, 0);
        if (layout == Layout.ARRAY) return list(value);
        int type = value.getInteger("type", 0);
        float[] values = value.getFieldRepetitionCount("values") == 0 ? null : list(value.getGroup("values", 0));
        if (values == null) throw new RowProblem("a vector without values");
        if (type == 1) return values;
        if (type != 0) throw new RowProblem("a vector of type " + type + " (expected 0, sparse, or 1, dense)");
        if (value.getFieldRepetitionCount("size") == 0) throw new RowProblem("a sparse vector without a size");
        int size = value.getInteger("size", 0);
        float[] indices = value.getFieldRepetitionCount("indices") == 0 ? null : list(value.getGroup("indices", 0));
        if (indices == null || indices.length != values.length)
            throw new RowProblem("a sparse vector whose indices and values differ in length");
        if (size < 0) throw new RowProblem("a sparse vector of size " + size);
        float[] dense = new float[size];
        for (int k = 0; k < indices.length; k++) {
            int j = (int) indices[k];
            if (j < 0 || j >= size) throw new RowProblem("a sparse vector index " + j + " outside 0.." + (size - 1));
            dense[j] = values[k];
        }
        return dense;
    }

    /** The numbers of a LIST group's value (three-level or two-level layout). */
    private static float[] list(Group list) {
        int n = list.getFieldRepetitionCount(0);
        float[] out = new float[n];
        Type repeated = list.getType().getType(0);
        boolean nested = !repeated.isPrimitive();
        PrimitiveTypeName t = nested ? repeated.asGroupType().getType(0).asPrimitiveType().getPrimitiveTypeName()
                : repeated.asPrimitiveType().getPrimitiveTypeName();
        for (int i = 0; i < n; i++) {
            Group holder = nested ? list.getGroup(0, i) : list;
            int index = nested ? 0 : i;
            if (nested && holder.getFieldRepetitionCount(0) == 0) throw new RowProblem("a null element at index " + i);
            out[i] = switch (t) {
                case FLOAT -> holder.getFloat(0, index);
                case DOUBLE -> (float) holder.getDouble(0, index);
                case INT32 -> holder.getInteger(0, index);
                case INT64 -> holder.getLong(0, index);
                default -> throw new IllegalStateException(t.toString());
            };
        }
        return out;
    }

    /** The column's type in words, for errors. */
    static String describe(Type type) {
        String s = type.toString().replaceAll("\\s+", " ").strip();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
