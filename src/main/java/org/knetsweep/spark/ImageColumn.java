package org.knetsweep.spark;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.knetsweep.KnetException;
import org.knetsweep.data.ImageSet;

/**
 * The image column of a table to score: {@code binary} of 3,072 bytes in CIFAR-10's order (1,024 red, 1,024 green,
 * 1,024 blue values, each plane row-major over 32 x 32 pixels), or an array of 3,072 numbers 0..255 in that order.
 * Images are read from Spark's internal rows or column vectors, as the scan produces them: a binary value is copied
 * once, straight into the batch's pixel buffer.
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
     * Copies the image in {@code row}'s field {@code index} (of type {@code type}, checked by {@link #check}) into
     * {@code pixels[offset, offset + 3072)}.
     *
     * @param rowNumber the row's position in its partition, for error messages
     */
    public static void read(InternalRow row, int index, DataType type, String column, long rowNumber, byte[] pixels,
                            int offset) {
        if (row.isNullAt(index)) throw isNull(rowNumber, column);
        if (!(type instanceof BinaryType)) {
            copyArray(row.getArray(index), (ArrayType) type, column, rowNumber, pixels, offset);
        } else if (row instanceof UnsafeRow u) {
            long offsetAndSize = u.getLong(index);
            copyBytes(u.getBaseObject(), u.getBaseOffset() + (offsetAndSize >>> 32), (int) offsetAndSize, column,
                    rowNumber, pixels, offset);
        } else {
            byte[] bytes = row.getBinary(index);
            copyBytes(bytes, Platform.BYTE_ARRAY_OFFSET, bytes.length, column, rowNumber, pixels, offset);
        }
    }

    static KnetException isNull(long rowNumber, String column) {
        return new KnetException("row " + rowNumber + ": image column '" + column + "' is null");
    }

    /** Copies {@code size} bytes at {@code base + address} (Spark's unsafe addressing), which must be 3,072. */
    static void copyBytes(Object base, long address, int size, String column, long rowNumber, byte[] pixels,
                          int offset) {
        if (size != ImageSet.FEATURES) throw wrongSize(rowNumber, column, size, "bytes");
        Platform.copyMemory(base, address, pixels, Platform.BYTE_ARRAY_OFFSET + offset, size);
    }

    /** Copies an array of 3,072 numbers 0..255, rounded, as bytes. */
    static void copyArray(ArrayData values, ArrayType type, String column, long rowNumber, byte[] pixels, int offset) {
        if (values.numElements() != ImageSet.FEATURES)
            throw wrongSize(rowNumber, column, values.numElements(), "numbers");
        DataType element = type.elementType();
        for (int j = 0; j < ImageSet.FEATURES; j++) {
            double d = values.isNullAt(j) ? Double.NaN : element(values, j, element);
            if (!(d >= 0 && d <= 255))
                throw new KnetException("row " + rowNumber + ": image column '" + column + "' value " + j + " is "
                        + (values.isNullAt(j) ? "null" : format(d)) + "; expected a pixel value 0..255");
            pixels[offset + j] = (byte) Math.round(d);
        }
    }

    private static double element(ArrayData a, int j, DataType t) {
        return SqlNumbers.get(a, j, t, "image array");
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static KnetException wrongSize(long row, String column, int size, String what) {
        return new KnetException("row " + row + ": image column '" + column + "' holds " + size + " " + what
                + "; expected 3072 (a 32x32 image, R, G, B planes)");
    }
}
