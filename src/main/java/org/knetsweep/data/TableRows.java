package org.knetsweep.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.knetsweep.config.TableConfig;

/**
 * A table's rows being read ({@link TableReader}): the features in one flat array (allocated at the first row, when
 * the width is known and the memory budget checked), the labels as read, the order column's values, and where each
 * row came from. The readers ({@link PlainRows}, {@link ColumnRows}, {@link ParquetRowReader}) fill it; the checks
 * of a row's width and values, and their messages, are here, so that every reader words a problem alike.
 */
final class TableRows {
    final boolean bytes;
    final Object[] labels;
    final long[] order;
    final long[] where;
    byte[] flatBytes;
    float[] flatFloats;
    final boolean train;
    int width = -1;

    TableRows(int n, boolean bytes, String orderColumn, boolean train) {
        this.bytes = bytes;
        this.train = train;
        labels = new Object[n];
        order = orderColumn.isEmpty() ? null : new long[n];
        where = new long[n];
    }

    boolean isBytes() {
        return bytes;
    }

    /** Row i's binary features, {@code len} bytes at {@code src[off]}, copied (checked for width). */
    void putBytes(int i, byte[] src, int off, int len, TableConfig cfg, MemoryBudget budget) {
        width(len, cfg, budget);
        System.arraycopy(src, off, flatBytes, i * width, width);
    }

    /** Row i's binary features, the remaining bytes of {@code b}, copied (checked for width). */
    void putBytes(int i, ByteBuffer b, TableConfig cfg, MemoryBudget budget) {
        width(b.remaining(), cfg, budget);
        b.duplicate().get(flatBytes, i * width, width);
    }

    /** Row i's numeric features, checked (finite, width) and copied. */
    void putFloats(int i, float[] f, TableConfig cfg, MemoryBudget budget) {
        for (int j = 0; j < f.length; j++)
            if (!Float.isFinite(f[j]))
                throw new RowProblem("feature " + j + " of column " + cfg.featuresColumn()
                        + " is " + f[j] + " (expected finite numbers)");
        width(f.length, cfg, budget);
        System.arraycopy(f, 0, flatFloats, i * width, width);
    }

    static RowProblem nullOrder(TableConfig cfg) {
        return new RowProblem("null in column " + cfg.orderColumn() + " (knet.data.order-column)");
    }

    /** Checks a row's width {@code w}: the first row's sets the width and allocates the flat array. */
    private void width(int w, TableConfig cfg, MemoryBudget budget) {
        if (width == w) return;
        if (width < 0) {
            if (w == 0) throw new RowProblem("column " + cfg.featuresColumn() + " has no features");
            if (cfg.imageSize() > 0 && w != cfg.imageSize())
                throw new RowProblem(w + " bytes in column " + cfg.featuresColumn()
                        + ", but knet.data.image-shape " + cfg.imageShape() + " needs " + cfg.imageSize());
            budget.check(labels.length, w, bytes, order != null, train);
            long values = (long) labels.length * w;
            if (values > Integer.MAX_VALUE - 8)
                throw new RowProblem(labels.length + " rows of " + w + " features are more than "
                        + "one array holds (2^31 values); use fewer rows or features");
            width = w;
            if (bytes) flatBytes = new byte[(int) values];
            else flatFloats = new float[(int) values];
        } else {
            throw new RowProblem(w + " features in column " + cfg.featuresColumn() + " (expected "
                    + width + ", as in the first row; every row must have the same width)");
        }
    }

    /** A float or double label as a whole number. */
    static Object wholeLabel(double d, String column) {
        if (d != Math.rint(d) || Math.abs(d) > 1e15)
            throw new RowProblem("label " + d + " in column " + column
                    + " (expected whole numbers, or int, long or string labels)");
        return (long) d;
    }

    /** The rows read, in the order column's order when there is one (ties in file order). */
    RawTable table(String uri, String key, List<Path> files) {
        int n = labels.length;
        String[] names = files.stream().map(p -> p.getFileName().toString()).toArray(String[]::new);
        if (order == null || sorted(order))
            return new RawTable(uri, key, flatBytes, flatFloats, width, labels, where, names);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingLong(i -> order[i])); // stable: ties stay in file order
        Object[] l = new Object[n];
        long[] w = new long[n];
        byte[] b = bytes ? new byte[flatBytes.length] : null;
        float[] f = bytes ? null : new float[flatFloats.length];
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            l[k] = labels[i];
            w[k] = where[i];
            if (bytes) System.arraycopy(flatBytes, i * width, b, k * width, width);
            else System.arraycopy(flatFloats, i * width, f, k * width, width);
        }
        return new RawTable(uri, key, b, f, width, l, w, names);
    }

    /** True when {@code v} is non-decreasing: the stable sort by it keeps every row where it is. */
    private static boolean sorted(long[] v) {
        for (int i = 1; i < v.length; i++) if (v[i] < v[i - 1]) return false;
        return true;
    }
}
