package org.knetsweep.spark;

import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A partition's input, one row at a time: the current row (for its key columns) and its image, copied into a pixel
 * buffer. From Spark's rows, or straight from a columnar scan's batches ({@link #ofBatches}), which spares the copy
 * of every 3 KB image into a row.
 */
interface ImageRows {
    /** Moves to the next row; false at the end. */
    boolean advance();

    /** The current row; valid until the next {@link #advance}. */
    InternalRow row();

    /** Copies the current row's image into {@code pixels[offset, offset + 3072)}. */
    void copyImage(byte[] pixels, int offset);

    /** Rows read so far. */
    long count();

    static ImageRows ofRows(Iterator<InternalRow> rows, int image, DataType type, String column) {
        return new ImageRows() {
            private InternalRow row;
            private long count;

            @Override
            public boolean advance() {
                if (!rows.hasNext()) return false;
                row = rows.next();
                count++;
                return true;
            }

            @Override
            public InternalRow row() {
                return row;
            }

            @Override
            public void copyImage(byte[] pixels, int offset) {
                ImageColumn.read(row, image, type, column, count - 1, pixels, offset);
            }

            @Override
            public long count() {
                return count;
            }
        };
    }

    /** The rows of columnar batches; a binary image in a Spark-written column vector is read without a copy. */
    static ImageRows ofBatches(Iterator<ColumnarBatch> batches, int image, DataType type, String column) {
        return new ImageRows() {
            private ColumnarBatch batch;
            private int rowId;
            private InternalRow row;
            private long count;

            @Override
            public boolean advance() {
                while (batch == null || rowId + 1 >= batch.numRows()) {
                    if (!batches.hasNext()) return false;
                    batch = batches.next();
                    rowId = -1;
                }
                row = batch.getRow(++rowId);
                count++;
                return true;
            }

            @Override
            public InternalRow row() {
                return row;
            }

            @Override
            public void copyImage(byte[] pixels, int offset) {
                ColumnVector v = batch.column(image);
                long rowNumber = count - 1;
                if (v.isNullAt(rowId)) throw ImageColumn.isNull(rowNumber, column);
                if (!(type instanceof BinaryType)) {
                    ImageColumn.copyArray(v.getArray(rowId), (ArrayType) type, column, rowNumber, pixels, offset);
                } else if (v instanceof WritableColumnVector w) {
                    // a binary value is stored as a string's bytes are: a view of them, not a copy
                    UTF8String bytes = w.getUTF8String(rowId);
                    ImageColumn.copyBytes(bytes.getBaseObject(), bytes.getBaseOffset(), bytes.numBytes(), column,
                            rowNumber, pixels, offset);
                } else {
                    byte[] bytes = v.getBinary(rowId);
                    ImageColumn.copyBytes(bytes, Platform.BYTE_ARRAY_OFFSET, bytes.length, column, rowNumber, pixels,
                            offset);
                }
            }

            @Override
            public long count() {
                return count;
            }
        };
    }
}
