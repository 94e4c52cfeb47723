package org.knetsweep.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.Type;

/**
 * Numeric columns of a stored row read by name, for readers that must cope with tables written before a column was
 * added: a column the file lacks, a null value and a non-numeric column are all simply left out.
 */
final class NumericColumns {
    private NumericColumns() {
    }

    /** The values of {@code columns} in {@code row} that exist, are set and are int, long, float or double. */
    static Map<String, Double> read(Group row, List<String> columns) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String column : columns) {
            if (!row.getType().containsField(column)) continue;
            int i = row.getType().getFieldIndex(column);
            Type type = row.getType().getType(i);
            if (!type.isPrimitive() || row.getFieldRepetitionCount(i) == 0) continue;
            switch (type.asPrimitiveType().getPrimitiveTypeName()) {
                case INT32 -> values.put(column, (double) row.getInteger(i, 0));
                case INT64 -> values.put(column, (double) row.getLong(i, 0));
                case FLOAT -> values.put(column, (double) row.getFloat(i, 0));
                case DOUBLE -> values.put(column, row.getDouble(i, 0));
                default -> {
                }
            }
        }
        return values;
    }
}
