package org.knetsweep.dashboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One row of a result table as column name to value, converted from a Parquet {@link Group} by the file's own
 * schema: strings, integers, longs, doubles, booleans, timestamps as epoch milliseconds (a {@link Long}) and lists
 * of integers (the {@code hidden} widths). A null column is absent. Columns a file does not have are absent too, so
 * tables written before a column was added read as they are.
 */
record Row(Map<String, Object> values) {
    Row {
        values = Collections.unmodifiableMap(values);
    }

    static Row of(Group g) {
        Map<String, Object> values = new LinkedHashMap<>();
        GroupType schema = g.getType();
        for (int i = 0; i < schema.getFieldCount(); i++) {
            if (g.getFieldRepetitionCount(i) == 0) continue;
            Type field = schema.getType(i);
            Object value = field.isPrimitive() ? primitive(g, i, field.asPrimitiveType()) : list(g.getGroup(i, 0));
            if (value != null) values.put(field.getName(), value);
        }
        return new Row(values);
    }

    Object get(String column) {
        return values.get(column);
    }

    String string(String column) {
        Object v = values.get(column);
        return v == null ? null : v.toString();
    }

    /** The column as a double; NaN when absent or not a number. */
    double number(String column) {
        return values.get(column) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The column as a long; {@code fallback} when absent or not a number. */
    long integer(String column, long fallback) {
        return values.get(column) instanceof Number n ? n.longValue() : fallback;
    }

    private static Object primitive(Group g, int i, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (type.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> g.getString(i, 0);
            case INT32 -> g.getInteger(i, 0);
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                    ? millis(g.getLong(i, 0), t.getUnit()) : g.getLong(i, 0);
            case DOUBLE -> g.getDouble(i, 0);
            case FLOAT -> (double) g.getFloat(i, 0);
            case BOOLEAN -> g.getBoolean(i, 0);
            default -> null;
        };
    }

    private static long millis(long value, LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> value;
            case MICROS -> Math.floorDiv(value, 1_000L);
            case NANOS -> Math.floorDiv(value, 1_000_000L);
        };
    }

    /** A LIST group of optional INT32 elements (three-level layout) as a list of integers, nulls left out. */
    private static List<Integer> list(Group list) {
        List<Integer> out = new ArrayList<>();
        if (list.getType().getFieldCount() == 0) return out;
        for (int j = 0; j < list.getFieldRepetitionCount(0); j++) {
            Group entry = list.getGroup(0, j);
            if (entry.getType().getFieldCount() > 0 && entry.getFieldRepetitionCount(0) > 0
                    && entry.getType().getType(0).isPrimitive()) {
                out.add(entry.getInteger(0, 0));
            }
        }
        return out;
    }
}
