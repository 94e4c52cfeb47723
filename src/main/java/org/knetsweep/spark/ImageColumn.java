package org.knetsweep.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.knetsweep.KnetException;
import org.knetsweep.data.ImageSet;

/**
 * The image column of a table to score: {@code binary} of 3,072 bytes in CIFAR-10's order (1,024 red, 1,024 green,
 * 1,024 blue values, each plane row-major over 32 x 32 pixels), or an array of 3,072 numbers 0..255 in that order.
 */
public final class ImageColumn {
    private ImageColumn() {
    }

    /**
     * The column's index in {@code schema}.
     *
     * @param where names the table in error messages
     * @throws KnetException when the column is missing or of another type
     */
    public static int check(StructType schema, String column, String where) {
        if (!List.of(schema.fieldNames()).contains(column))
            throw new KnetException(where + " has no column '" + column + "' (columns: "
                    + String.join(", ", schema.fieldNames()) + "); name the image column with --column");
        StructField f = schema.apply(column);
        if (!isImageType(f.dataType()))
            throw new KnetException(where + ": column '" + column + "' is " + f.dataType().simpleString()
                    + "; expected binary (3072 bytes, R, G, B planes) or an array of 3072 numbers");
        return schema.fieldIndex(column);
    }

    static boolean isImageType(DataType t) {
        return t instanceof BinaryType || t instanceof ArrayType a && a.elementType() instanceof NumericType;
    }

    /**
     * Copies the image of {@code row}'s field {@code index} into {@code pixels[offset, offset + 3072)}.
     *
     * @param rowNumber the row's position, for error messages
     */
    public static void read(Row row, int index, String column, long rowNumber, byte[] pixels, int offset) {
        if (row.isNullAt(index)) throw new KnetException("row " + rowNumber + ": image column '" + column + "' is null");
        Object v = row.get(index);
        if (v instanceof byte[] bytes) {
            if (bytes.length != ImageSet.FEATURES) throw wrongSize(rowNumber, column, bytes.length, "bytes");
            System.arraycopy(bytes, 0, pixels, offset, ImageSet.FEATURES);
            return;
        }
        List<Object> values = row.getList(index);
        if (values.size() != ImageSet.FEATURES) throw wrongSize(rowNumber, column, values.size(), "numbers");
        for (int j = 0; j < ImageSet.FEATURES; j++) {
            Object o = values.get(j);
            double d = o == null ? Double.NaN : ((Number) o).doubleValue();
            if (!(d >= 0 && d <= 255))
                throw new KnetException("row " + rowNumber + ": image column '" + column + "' value " + j + " is " + o
                        + "; expected a pixel value 0..255");
            pixels[offset + j] = (byte) Math.round(d);
        }
    }

    private static KnetException wrongSize(long row, String column, int size, String what) {
        return new KnetException("row " + row + ": image column '" + column + "' holds " + size + " " + what
                + "; expected 3072 (a 32x32 image, R, G, B planes)");
    }
}
