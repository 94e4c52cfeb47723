package org.knetsweep.nn;

import org.knetsweep.config.Precision;

/**
 * Preallocated buffers for forward and backward passes over batches of exactly {@code n} rows, so that a training
 * step allocates (almost) nothing. {@link #x} is the input batch [n, inputs], filled by the caller.
 *
 * <p>Matrices that BLAS reads or writes live in ND4J memory ({@link Mat}); element-wise math runs on heap copies.
 * Per layer l: {@code s[l]}/{@code sArr[l]} the pre-activations [n, d_l] (for the output layer the probabilities,
 * then dS); for hidden layers {@code h[l]}/{@code hArr[l]} the activations, {@code sHat[l]} the normalized values,
 * {@code dH[l]}/{@code dArr[l]} the gradient (dH, then dY, then dS in place), {@code mu[l]}, {@code var[l]} the batch
 * statistics.
 */
public final class Workspace {
    final int n;
    final int[] sizes;
    public final Mat x;
    final Mat[] s;
    final Mat[] h;
    final Mat[] dH;
    final double[][] sArr;
    final double[][] hArr;
    final double[][] dArr;
    final double[][] sHat;
    final double[][] mu;
    final double[][] var;
    final double[][] dGamma;
    final double[][] dBeta;
    final double[][] db;
    /** Per-sample cross-entropy of the last forward pass. */
    public final double[] losses;
    int correct;
    /** When set, ReLU keeps these units active and no others (see {@link #freezeActivations()}). */
    boolean[][] frozen;
    /** Units whose pre-activation sign disagreed with the frozen pattern in the last forward pass. */
    int kinks;

    Workspace(Precision p, int n, int inputs, int[] sizes, boolean batchNorm) {
        this.n = n;
        this.sizes = sizes.clone();
        int k = sizes.length;
        x = Mat.zeros(p, n, inputs);
        s = new Mat[k];
        h = new Mat[k];
        dH = new Mat[k];
        sArr = new double[k][];
        hArr = new double[k][];
        dArr = new double[k][];
        sHat = new double[k][];
        mu = new double[k][];
        var = new double[k][];
        dGamma = new double[k][];
        dBeta = new double[k][];
        db = new double[k][];
        for (int l = 0; l < k; l++) {
            int d = sizes[l];
            s[l] = Mat.zeros(p, n, d);
            sArr[l] = new double[n * d];
            db[l] = new double[d];
            if (l < k - 1) {
                h[l] = Mat.zeros(p, n, d);
                dH[l] = Mat.zeros(p, n, d);
                hArr[l] = new double[n * d];
                dArr[l] = new double[n * d];
                if (batchNorm) {
                    sHat[l] = new double[n * d];
                    mu[l] = new double[d];
                    var[l] = new double[d];
                    dGamma[l] = new double[d];
                    dBeta[l] = new double[d];
                }
            }
        }
        losses = new double[n];
    }

    public int rows() {
        return n;
    }

    /** Correct predictions in the last forward pass. */
    public int correct() {
        return correct;
    }

    /** Sum of the per-sample losses of the last forward pass. */
    public double lossSum() {
        double sum = 0;
        for (double l : losses) sum += l;
        return sum;
    }

    /**
     * Freezes the ReLU pattern of the last forward pass: later passes compute {@code h = y} where a unit was
     * active and 0 elsewhere, whatever the sign of y. The function so defined equals the network's own cost at the
     * current parameters and has the same derivative there, but no kinks nearby, which is what a finite-difference
     * check needs. Counts, in {@link #kinks()}, the units whose sign would have flipped.
     */
    public void freezeActivations() {
        boolean[][] f = new boolean[sizes.length - 1][];
        for (int l = 0; l < f.length; l++) {
            f[l] = new boolean[hArr[l].length];
            for (int i = 0; i < f[l].length; i++) f[l][i] = hArr[l][i] > 0;
        }
        frozen = f;
    }

    public void unfreezeActivations() {
        frozen = null;
    }

    /** Units whose ReLU input sign disagreed with the frozen pattern in the last forward pass. */
    public int kinks() {
        return kinks;
    }

    /** The output probabilities [n * classes] after a forward pass (before backward overwrites them). */
    public double[] probabilities() {
        return sArr[sizes.length - 1];
    }
}
