package org.knetsweep.nn;

import java.util.Map;
import org.knetsweep.config.Precision;

/**
 * Exact differences of the per-sample losses, {@code l_i(theta + t e) - l_i(theta)} for one parameter entry e, of a
 * network in training mode with a frozen ReLU pattern ({@link Workspace#freezeActivations()}); for the gradient check.
 *
 * <p>Subtracting two forward passes, {@code l_i(theta + t e) - l_i(theta - t e)}, loses the difference in the
 * rounding of each pass: about 1e-14 per sample in a 9-layer net, so a centered difference has an error of about
 * 1e-16 / t, larger than a gradient entry of 1e-8 times 1e-6 unless t is so large that the truncation error takes
 * over. This class computes the same difference, in exact arithmetic, as a pass of differences through the
 * network: given the base values of the forward pass at theta (S, Shat, batch statistics, H, P), it propagates
 * {@code dS = S(theta + t e) - S(theta)} layer by layer with identities that involve no derivative:
 * <pre>
 *   dense:       dS_l   = dH_{l-1} W_l  (+ t H_{l-1}[:, r] in column c when W_l[r, c] is the entry)
 *   batch norm:  dmu    = mean_i dS,   dC = dS - dmu,   dvar = mean_i (2 C + dC) dC          (C = S - mu)
 *                d(1/sqrt(v)) = -dvar / (sqrt(v) sqrt(v + dvar) (sqrt(v) + sqrt(v + dvar)))  (v = var + eps)
 *                dShat  = dC / sqrt(v + dvar) + C d(1/sqrt(v)),   dY = gamma dShat  (+ t Shat or t for gamma, beta)
 *   ReLU:        dH     = dY where the frozen pattern is active, else 0
 *   loss:        dl_i   = log1p(sum_k P_ik expm1(dS_ik)) - dS_{i, y_i}
 * </pre>
 * Every quantity is then a difference computed to a few ulps of itself, so {@code (dl(+t) - dl(-t)) / 2t} carries
 * no cancellation error whatever t. No derivative or backward pass is involved; only the forward pass's algebra,
 * rearranged. The gradient check ({@code gradcheck.GradientCheck}) checks each difference against the network's own
 * forward pass.
 *
 * <p>Perturbing an entry of layer l changes one column of S_l (or of Y_l), so the pass starts with a single column
 * (and, for a hidden layer, a rank-one product into layer l + 1) and only then works on whole matrices.
 */
public final class CostDifference {
    private final int n;
    private final int inputs;
    private final int[] sizes;
    private final boolean batchNorm;
    private final byte[] labels;
    private final int labelOffset;
    private final double[] x;
    private final double[][] w;
    private final double[][] gamma;
    /** Base pre-ReLU values Y_l [n * d] (batch norm output, or S + b without it). */
    private final double[][] y;
    private final double[][] h;
    private final boolean[][] active;
    /** Batch norm: C = S - mu [n * d], Shat [n * d], sqrt(var + eps) [d]. */
    private final double[][] centered;
    private final double[][] sHat;
    private final double[][] sd;
    private final double[] p;
    private final double[] baseLosses;
    private final double[][] dS;
    private final double[][] dY;
    /** BLAS operands of the dense products dS_{l+1} = dH_l W_{l+1}: copies of W, and buffers for dH and dS. */
    private final Mat[] wMat;
    private final Mat[] dHMat;
    private final Mat[] dSMat;
    private final double[] dmu;
    private final double[] dvar;
    private final double[] newInv;
    private final double[] dInv;

    /**
     * Runs a training-mode forward pass of {@code net} over ws.x, whose ReLU pattern must be frozen, and keeps its
     * values as the base point. The network's parameters must not change while this object is used.
     */
    public CostDifference(Network net, Workspace ws, byte[] labels, int labelOffset) {
        if (net.precision() != Precision.FLOAT64) throw new IllegalArgumentException("cost differences need float64");
        if (ws.frozen == null) throw new IllegalStateException("freeze the ReLU pattern first");
        net.forwardTrain(ws, labels, labelOffset, false);
        n = ws.n;
        inputs = net.inputs();
        sizes = ws.sizes.clone();
        batchNorm = net.config().batchNorm();
        this.labels = labels;
        this.labelOffset = labelOffset;
        int k = sizes.length;
        x = ws.x.toArray();
        Map<String, Mat> params = net.parameters();
        w = new double[k][];
        gamma = new double[k][];
        y = new double[k][];
        h = new double[k][];
        active = new boolean[k][];
        centered = new double[k][];
        sHat = new double[k][];
        sd = new double[k][];
        dS = new double[k][];
        dY = new double[k][];
        wMat = new Mat[k];
        dHMat = new Mat[k];
        dSMat = new Mat[k];
        int widest = 0;
        double eps = net.config().bnEpsilon();
        for (int l = 0; l < k; l++) {
            int d = sizes[l];
            widest = Math.max(widest, d);
            Mat wl = params.get("W" + (l + 1));
            w[l] = wl.toArray();
            dS[l] = new double[n * d];
            if (l > 0) {
                wMat[l] = wl.copy();
                dSMat[l] = Mat.zeros(Precision.FLOAT64, n, d);
            }
            if (l == k - 1) break;
            dY[l] = new double[n * d];
            dHMat[l] = Mat.zeros(Precision.FLOAT64, n, d);
            h[l] = ws.hArr[l].clone();
            active[l] = ws.frozen[l].clone();
            if (batchNorm) {
                double[] g = params.get("gamma" + (l + 1)).toArray();
                double[] be = params.get("beta" + (l + 1)).toArray();
                gamma[l] = g;
                sHat[l] = ws.sHat[l].clone();
                centered[l] = new double[n * d];
                sd[l] = new double[d];
                y[l] = new double[n * d];
                double[] s = ws.sArr[l];
                double[] mu = ws.mu[l];
                for (int j = 0; j < d; j++) sd[l][j] = Math.sqrt(ws.var[l][j] + eps);
                for (int i = 0; i < n * d; i++) {
                    int j = i % d;
                    centered[l][i] = s[i] - mu[j];
                    y[l][i] = g[j] * sHat[l][i] + be[j];
                }
            } else {
                y[l] = ws.sArr[l].clone();
            }
        }
        p = ws.sArr[k - 1].clone();
        baseLosses = ws.losses.clone();
        dmu = new double[widest];
        dvar = new double[widest];
        newInv = new double[widest];
        dInv = new double[widest];
    }

    /** The per-sample losses at the base point. */
    public double[] baseLosses() {
        return baseLosses.clone();
    }

    /**
     * Writes {@code l_i(theta + t e) - l_i(theta)} into {@code out} [n], e being entry {@code index} (row-major) of
     * the parameter {@code name} (as in {@link Network#parameters()}: W1, b3, gamma2, ...). Returns the number of
     * hidden units whose pre-activation at theta + t e has the other sign than the frozen pattern (kinks the free
     * ReLU would have crossed).
     */
    public int lossDifferences(String name, int index, double t, double[] out) {
        int k = sizes.length;
        int digits = name.length();
        while (digits > 0 && Character.isDigit(name.charAt(digits - 1))) digits--;
        if (digits == 0 || digits == name.length()) throw new IllegalArgumentException("no parameter " + name);
        String kind = name.substring(0, digits);
        int layer = Integer.parseInt(name.substring(kind.length())) - 1;
        if (layer < 0 || layer >= k) throw new IllegalArgumentException("no parameter " + name);
        int d = sizes[layer];
        int col;
        switch (kind) {
            case "W" -> {
                int in = layer == 0 ? inputs : sizes[layer - 1];
                if (index < 0 || index >= in * d) throw new IllegalArgumentException(name + " has no entry " + index);
                int r = index / d;
                col = index % d;
                double[] hin = layer == 0 ? x : h[layer - 1];
                double[] ds = dS[layer];
                for (int i = 0; i < n; i++) ds[i * d + col] = t * hin[i * in + r];
            }
            case "b" -> {
                if (batchNorm && layer < k - 1) throw new IllegalArgumentException("no parameter " + name);
                checkIndex(name, index, d);
                col = index;
                double[] ds = dS[layer];
                for (int i = 0; i < n; i++) ds[i * d + col] = t;
            }
            case "gamma", "beta" -> {
                if (!batchNorm || layer == k - 1) throw new IllegalArgumentException("no parameter " + name);
                checkIndex(name, index, d);
                col = index;
                double[] dy = dY[layer];
                boolean g = kind.equals("gamma");
                for (int i = 0; i < n; i++) dy[i * d + col] = g ? t * sHat[layer][i * d + col] : t;
            }
            default -> throw new IllegalArgumentException("no parameter " + name);
        }
        boolean startAtY = kind.equals("gamma") || kind.equals("beta");
        int kinks = 0;
        for (int l = layer; l < k - 1; l++) {
            if (!(startAtY && l == layer)) preActivationToY(l, col);
            kinks += relu(l, col);
            propagate(l, col);
            col = -1;
        }
        lossDifferences(col, out);
        return kinks;
    }

    private static void checkIndex(String name, int index, int d) {
        if (index < 0 || index >= d) throw new IllegalArgumentException(name + " has no entry " + index);
    }

    /** dY_l from dS_l: batch norm, or the identity without it; column col only, or all when col is -1. */
    private void preActivationToY(int l, int col) {
        int d = sizes[l];
        double[] ds = dS[l];
        double[] dy = dY[l];
        if (!batchNorm) {
            if (col >= 0) {
                for (int i = 0; i < n; i++) dy[i * d + col] = ds[i * d + col];
            } else {
                System.arraycopy(ds, 0, dy, 0, n * d);
            }
            return;
        }
        int from = col >= 0 ? col : 0;
        int to = col >= 0 ? col + 1 : d;
        double[] c = centered[l];
        double[] sdl = sd[l];
        double[] g = gamma[l];
        java.util.Arrays.fill(dmu, 0.0);
        java.util.Arrays.fill(dvar, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = from; j < to; j++) dmu[j] += ds[row + j];
        }
        for (int j = from; j < to; j++) dmu[j] /= n;
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = from; j < to; j++) {
                double dc = ds[row + j] - dmu[j];
                dvar[j] += (2 * c[row + j] + dc) * dc;
            }
        }
        for (int j = from; j < to; j++) {
            double dv = dvar[j] / n;
            double s0 = sdl[j];
            double s1 = Math.sqrt(s0 * s0 + dv);
            // gamma folded in: dY = gamma (dC / s1 + C d(1/s))
            newInv[j] = g[j] / s1;
            dInv[j] = -g[j] * dv / (s0 * s1 * (s0 + s1));
        }
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = from; j < to; j++) dy[row + j] = (ds[row + j] - dmu[j]) * newInv[j] + c[row + j] * dInv[j];
        }
    }

    /** dH_l = dY_l where the frozen pattern is active, else 0 (in place); returns the sign flips. */
    private int relu(int l, int col) {
        int d = sizes[l];
        double[] dy = dY[l];
        double[] base = y[l];
        boolean[] a = active[l];
        int from = col >= 0 ? col : 0;
        int to = col >= 0 ? col + 1 : d;
        int flips = 0;
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = from; j < to; j++) {
                int e = row + j;
                if (a[e] != (base[e] + dy[e] > 0)) flips++;
                if (!a[e]) dy[e] = 0.0;
            }
        }
        return flips;
    }

    /** dS_{l+1} = dH_l W_{l+1}: a rank-one product when only column col of dH_l is non-zero. */
    private void propagate(int l, int col) {
        int din = sizes[l];
        int dout = sizes[l + 1];
        double[] dh = dY[l];
        double[] wl = w[l + 1];
        double[] out = dS[l + 1];
        if (col >= 0) {
            int wrow = col * dout;
            for (int i = 0; i < n; i++) {
                double v = dh[i * din + col];
                int row = i * dout;
                for (int j = 0; j < dout; j++) out[row + j] = v * wl[wrow + j];
            }
            return;
        }
        dHMat[l].write(dh);
        Mat.gemm(dHMat[l], false, wMat[l + 1], false, dSMat[l + 1], 1.0, 0.0);
        dSMat[l + 1].read(out);
    }

    /** dl_i = log(sum_k P_ik exp(dS_ik)) - dS_{i, y_i}, from dS of the output layer (column col only, or all). */
    private void lossDifferences(int col, double[] out) {
        int c = sizes[sizes.length - 1];
        double[] ds = dS[sizes.length - 1];
        for (int i = 0; i < n; i++) {
            int row = i * c;
            int label = labels[labelOffset + i];
            double sum = 0;
            if (col >= 0) {
                sum = p[row + col] * expm1(ds[row + col]);
                out[i] = Math.log1p(sum) - (label == col ? ds[row + col] : 0.0);
            } else {
                for (int q = 0; q < c; q++) sum += p[row + q] * expm1(ds[row + q]);
                out[i] = Math.log1p(sum) - ds[row + label];
            }
        }
    }

    /** e^x - 1 to about an ulp: its Taylor series for |x| < 2^-10 (error below x^7 / 5040), else Math.expm1. */
    static double expm1(double x) {
        if (Math.abs(x) >= 0x1p-10) return Math.expm1(x);
        return x * (1 + x * (1.0 / 2 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720))))));
    }
}
