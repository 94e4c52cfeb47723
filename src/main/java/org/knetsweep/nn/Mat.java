package org.knetsweep.nn;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.knetsweep.config.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense row-major matrix {@code [rows, cols]} of float32 or float64 values, in one of two storages.
 *
 * <p>Off-heap ({@link #zeros}): an ND4J array. Matrix products go to BLAS through {@link #gemm}; element-wise math
 * reads and writes the same memory through {@link #get}/{@link #set} (a direct NIO view), because one ND4J op call
 * costs tens of microseconds here, more than a whole 100 x 50 batch-norm pass in plain Java.
 *
 * <p>On-heap ({@link #onHeap}): a Java {@code double[]} holding values already rounded to the precision. For the
 * small per-unit tensors (biases, gamma, beta, moving averages) that no matrix product touches: the training loop
 * reads and updates them in place ({@link #values}), where copying 50 values out of off-heap memory and back costs
 * about a microsecond each way, tens of microseconds per step in all.
 *
 * <p>Element values are exchanged as double; in float32 storage every {@code set} rounds to float.
 */
public final class Mat {
    private static final int CBLAS_ROW_MAJOR = 101;
    private static final int CBLAS_NO_TRANS = 111;
    private static final int CBLAS_TRANS = 112;

    private final INDArray array;
    private final int rows;
    private final int cols;
    private final FloatBuffer f;
    private final DoubleBuffer d;
    private final java.nio.ByteBuffer bytes;
    private final FloatPointer fp;
    private final DoublePointer dp;
    /** The on-heap storage (values rounded to {@link #heapPrecision}), or null off-heap. */
    private final double[] heap;
    private final Precision heapPrecision;
    private float[] scratch;

    private Mat(Precision precision, int rows, int cols) {
        this.array = null;
        this.rows = rows;
        this.cols = cols;
        this.f = null;
        this.d = null;
        this.bytes = null;
        this.fp = null;
        this.dp = null;
        this.heap = new double[Math.multiplyExact(rows, cols)];
        this.heapPrecision = precision;
    }

    private Mat(INDArray array, int rows, int cols) {
        this.array = array;
        this.rows = rows;
        this.cols = cols;
        this.heap = null;
        this.heapPrecision = null;
        var nio = array.data().asNio().order(ByteOrder.nativeOrder());
        this.bytes = nio;
        if (array.dataType() == DataType.FLOAT) {
            this.f = nio.asFloatBuffer();
            this.d = null;
            this.fp = new FloatPointer(array.data().addressPointer());
            this.dp = null;
        } else {
            this.f = null;
            this.d = nio.asDoubleBuffer();
            this.fp = null;
            this.dp = new DoublePointer(array.data().addressPointer());
        }
    }

    /** A zero matrix. */
    public static Mat zeros(Precision precision, int rows, int cols) {
        DataType type = precision == Precision.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
        return new Mat(Nd4j.create(type, new long[] {rows, cols}, 'c'), rows, cols);
    }

    /** A zero matrix on the Java heap: element-wise use only, not a {@link #gemm} operand. */
    public static Mat onHeap(Precision precision, int rows, int cols) {
        return new Mat(precision, rows, cols);
    }

    /** A matrix with the given row-major values. */
    public static Mat of(Precision precision, int rows, int cols, double... values) {
        if (values.length != rows * cols) throw new IllegalArgumentException("expected " + rows * cols + " values");
        Mat m = zeros(precision, rows, cols);
        for (int i = 0; i < values.length; i++) m.set(i, values[i]);
        return m;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return rows * cols;
    }

    public Precision precision() {
        if (heap != null) return heapPrecision;
        return f != null ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    /** Whether this matrix lives on the Java heap ({@link #onHeap}). */
    public boolean isOnHeap() {
        return heap != null;
    }

    /**
     * The storage of an on-heap matrix, row-major, for in-place element-wise math. Whoever writes into it stores
     * values rounded to the precision ({@link #round}).
     *
     * @throws IllegalStateException for an off-heap matrix
     */
    double[] values() {
        if (heap == null) throw new IllegalStateException("values() of an off-heap matrix");
        return heap;
    }

    /** v rounded to this matrix's precision (to float for float32, unchanged for float64). */
    double round(double v) {
        return precision() == Precision.FLOAT32 ? (double) (float) v : v;
    }

    /** Element i in row-major order. */
    public double get(int i) {
        if (heap != null) return heap[i];
        return f != null ? f.get(i) : d.get(i);
    }

    public double get(int r, int c) {
        return get(r * cols + c);
    }

    public void set(int i, double v) {
        if (heap != null) heap[i] = round(v);
        else if (f != null) f.put(i, (float) v);
        else d.put(i, v);
    }

    public void set(int r, int c, double v) {
        set(r * cols + c, v);
    }

    /** Copies one row at once (off-heap float32 storage; a bulk memory copy). */
    public void putRow(int r, float[] values) {
        offHeapFloats().put(r * cols, values, 0, cols);
    }

    /** Copies one row from {@code values[offset, offset + cols)} (off-heap float32 storage; a bulk memory copy). */
    public void putRow(int r, float[] values, int offset) {
        offHeapFloats().put(r * cols, values, offset, cols);
    }

    /** Copies one row at once (off-heap float64 storage; a bulk memory copy). */
    public void putRow(int r, double[] values) {
        if (d == null) throw new IllegalStateException("putRow(double[]) needs off-heap float64 storage");
        d.put(r * cols, values, 0, cols);
    }

    /**
     * The off-heap float32 storage as native-order bytes (row r starts at byte {@code 4 * r * cols()}), for kernels
     * that write rows in place; do not change its position or limit.
     */
    public java.nio.ByteBuffer floatBytes() {
        offHeapFloats();
        return bytes;
    }

    private FloatBuffer offHeapFloats() {
        if (f == null) throw new IllegalStateException("putRow(float[]) needs off-heap float32 storage");
        return f;
    }

    /** Copies all elements, row-major, into {@code out} (length at least size()): one bulk copy plus, for float32 storage, a widening loop. */
    public void read(double[] out) {
        int n = size();
        if (heap != null) {
            System.arraycopy(heap, 0, out, 0, n);
        } else if (d != null) {
            d.get(0, out, 0, n);
        } else {
            float[] tmp = scratch();
            f.get(0, tmp, 0, n);
            for (int i = 0; i < n; i++) out[i] = tmp[i];
        }
    }

    /** Sets all elements, row-major, from {@code in} (rounded to float for float32 storage). */
    public void write(double[] in) {
        int n = size();
        if (heap != null) {
            for (int i = 0; i < n; i++) heap[i] = round(in[i]);
        } else if (d != null) {
            d.put(0, in, 0, n);
        } else {
            float[] tmp = scratch();
            for (int i = 0; i < n; i++) tmp[i] = (float) in[i];
            f.put(0, tmp, 0, n);
        }
    }

    private float[] scratch() {
        if (scratch == null) scratch = new float[size()];
        return scratch;
    }

    public void fill(double v) {
        for (int i = 0, n = size(); i < n; i++) set(i, v);
    }

    public void copyFrom(Mat other) {
        if (other.rows != rows || other.cols != cols) throw new IllegalArgumentException("shape mismatch");
        for (int i = 0, n = size(); i < n; i++) set(i, other.get(i));
    }

    public Mat copy() {
        Mat m = heap != null ? onHeap(precision(), rows, cols) : zeros(precision(), rows, cols);
        m.copyFrom(this);
        return m;
    }

    /** Sum of squares of all elements. */
    public double sumOfSquares() {
        double s = 0;
        for (int i = 0, n = size(); i < n; i++) {
            double v = get(i);
            s += v * v;
        }
        return s;
    }

    public double[] toArray() {
        double[] out = new double[size()];
        read(out);
        return out;
    }

    /**
     * C = alpha * op(A) * op(B) + beta * C through BLAS, op being the transpose when asked. Allocates nothing.
     *
     * <p>Calls the cblas_?gemm of the OpenBLAS that ND4J's CPU backend loads, on the arrays' own memory: ND4J's
     * {@code Nd4j.gemm} wraps the same call in a generic op costing about 30 microseconds per call, a third of a
     * whole training step's budget for a 3-layer net.
     */
    public static void gemm(Mat a, boolean transA, Mat b, boolean transB, Mat c, double alpha, double beta) {
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        if (k != kb || c.rows != m || c.cols != n)
            throw new IllegalArgumentException("gemm shapes: [" + m + "x" + k + "] * [" + kb + "x" + n + "] -> ["
                    + c.rows + "x" + c.cols + "]");
        if (a.precision() != c.precision() || b.precision() != c.precision())
            throw new IllegalArgumentException("gemm operands of mixed precision");
        if (a.heap != null || b.heap != null || c.heap != null)
            throw new IllegalArgumentException("gemm operand on the Java heap (Mat.onHeap); BLAS needs off-heap arrays");
        int ta = transA ? CBLAS_TRANS : CBLAS_NO_TRANS;
        int tb = transB ? CBLAS_TRANS : CBLAS_NO_TRANS;
        if (c.fp != null) {
            openblas_nolapack.cblas_sgemm(CBLAS_ROW_MAJOR, ta, tb, m, n, k, (float) alpha, a.fp, a.cols, b.fp, b.cols,
                    (float) beta, c.fp, c.cols);
        } else {
            openblas_nolapack.cblas_dgemm(CBLAS_ROW_MAJOR, ta, tb, m, n, k, alpha, a.dp, a.cols, b.dp, b.cols, beta,
                    c.dp, c.cols);
        }
    }
}
