package org.knetsweep.nn;

/**
 * A fully connected layer {@code S = H W + b}: H [N, in], W [in, out], b [1, out] (optional), S [N, out].
 *
 * <p>Backward, for dS = dCost/dS [N, out]: {@code dW = H^T dS}, {@code db = sum over rows of dS},
 * {@code dH = dS W^T}. The L2 term's {@code 2 lambda W} is added by the caller (see {@link Network}).
 */
public final class Dense {
    private Dense() {
    }

    /** S = H W (the bias, when present, is added by the caller on the heap copy; see {@link #addBias}). */
    public static void forward(Mat h, Mat w, Mat s) {
        Mat.gemm(h, false, w, false, s, 1.0, 0.0);
    }

    /** s[i, j] += b[j] for s [n, d] row-major. */
    public static void addBias(double[] s, int n, int d, double[] b) {
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) s[row + j] += b[j];
        }
    }

    /** dH = dS W^T (the input gradient; needs W before it is updated). */
    public static void backwardInput(Mat dS, Mat w, Mat dH) {
        Mat.gemm(dS, false, w, true, dH, 1.0, 0.0);
    }

    /**
     * target = alpha * H^T dS + beta * target. With (alpha, beta) = (1, 0) this is dW; with (-eta, 1 - 2 eta lambda)
     * and target = W it is the whole gradient-descent update of W including the L2 term, fused into one BLAS call.
     */
    public static void backwardWeights(Mat h, Mat dS, Mat target, double alpha, double beta) {
        Mat.gemm(h, true, dS, false, target, alpha, beta);
    }

    /** db[j] = sum_i dS[i, j] for dS [n, d] row-major. */
    public static void backwardBias(double[] dS, int n, int d, double[] db) {
        java.util.Arrays.fill(db, 0, d, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) db[j] += dS[row + j];
        }
    }
}
