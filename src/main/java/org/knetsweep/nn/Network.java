package org.knetsweep.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;

/**
 * A k-layer fully connected network: k - 1 hidden layers {@code Dense -> [BatchNorm] -> ReLU} and a
 * {@code Dense -> softmax} output, with cost {@code J = mean_i l_i + lambda * sum_l ||W_l||^2}.
 *
 * <p>Parameters, named as in the report (1-based): {@code W1..Wk}; {@code b1..bk} (with batch norm only the output
 * layer's {@code bk}: a bias before batch norm is cancelled by the mean subtraction, its gradient is identically
 * zero, and beta takes its role); {@code gamma_l, beta_l} for batch-norm layers. Batch-norm moving averages
 * ({@code mu_l, var_l}) are state, not parameters.
 *
 * <p>Lifecycle: construct (seeded initialization) → {@link #workspace} per batch size → for each step
 * {@link #forwardTrain} then {@link #sgdUpdate} (or {@link #gradients}) → {@link #forwardTest} to evaluate.
 */
public final class Network {
    private final NetworkConfig config;
    private final Precision precision;
    private final int inputs;
    private final int[] sizes;
    private final Mat[] w;
    private final Mat[] b;
    private final Mat[] gamma;
    private final Mat[] beta;
    private final Mat[] avgMu;
    private final Mat[] avgVar;
    private boolean averagesInitialized;

    /** A freshly initialized network for {@code inputs} features and {@code classes} outputs. */
    public Network(NetworkConfig config, int inputs, int classes, Precision precision, long seed) {
        this.config = config;
        this.precision = precision;
        this.inputs = inputs;
        int k = config.layers();
        sizes = new int[k];
        for (int l = 0; l < k - 1; l++) sizes[l] = config.hidden().get(l);
        sizes[k - 1] = classes;
        w = new Mat[k];
        b = new Mat[k];
        gamma = new Mat[k];
        beta = new Mat[k];
        avgMu = new Mat[k];
        avgVar = new Mat[k];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 0; l < k; l++) {
            int in = l == 0 ? inputs : sizes[l - 1];
            w[l] = Mat.zeros(precision, in, sizes[l]);
            Initializers.fill(w[l], config.init() == InitScheme.HE ? Initializers.heSigma(in) : config.initSigma(), rng);
            boolean hidden = l < k - 1;
            if (!hidden || !config.batchNorm()) b[l] = Mat.onHeap(precision, 1, sizes[l]);
            if (hidden && config.batchNorm()) {
                gamma[l] = Mat.onHeap(precision, 1, sizes[l]);
                gamma[l].fill(1.0);
                beta[l] = Mat.onHeap(precision, 1, sizes[l]);
                avgMu[l] = Mat.onHeap(precision, 1, sizes[l]);
                avgVar[l] = Mat.onHeap(precision, 1, sizes[l]);
                avgVar[l].fill(1.0);
            }
        }
    }

    public NetworkConfig config() {
        return config;
    }

    public Precision precision() {
        return precision;
    }

    public int inputs() {
        return inputs;
    }

    public int layers() {
        return sizes.length;
    }

    /** Buffers for batches of n rows. */
    public Workspace workspace(int n) {
        return new Workspace(precision, n, inputs, sizes, config.batchNorm());
    }

    /** The trainable parameters by name, in a fixed order (W1, b1 or gamma1/beta1, ..., Wk, bk). */
    public Map<String, Mat> parameters() {
        Map<String, Mat> p = new LinkedHashMap<>();
        for (int l = 0; l < sizes.length; l++) {
            p.put("W" + (l + 1), w[l]);
            if (b[l] != null) p.put("b" + (l + 1), b[l]);
            if (gamma[l] != null) {
                p.put("gamma" + (l + 1), gamma[l]);
                p.put("beta" + (l + 1), beta[l]);
            }
        }
        return p;
    }

    /** The batch-norm moving averages by name (mu1, var1, ...); empty without batch norm. */
    public Map<String, Mat> movingAverages() {
        Map<String, Mat> p = new LinkedHashMap<>();
        for (int l = 0; l < sizes.length; l++) {
            if (avgMu[l] != null) {
                p.put("mu" + (l + 1), avgMu[l]);
                p.put("var" + (l + 1), avgVar[l]);
            }
        }
        return p;
    }

    /** A snapshot of the parameters, moving averages and their initialization flag. */
    public NetworkState state() {
        Map<String, double[]> tensors = new LinkedHashMap<>();
        parameters().forEach((name, m) -> tensors.put(name, m.toArray()));
        movingAverages().forEach((name, m) -> tensors.put(name, m.toArray()));
        return new NetworkState(precision, averagesInitialized, tensors);
    }

    /**
     * Sets this network to a snapshot taken from a network of the same configuration and precision.
     *
     * @throws IllegalArgumentException when the snapshot's tensors or precision do not match
     */
    public void restore(NetworkState state) {
        if (state.precision() != precision)
            throw new IllegalArgumentException("snapshot of a " + state.precision().label() + " network, this one is "
                    + precision.label());
        Map<String, Mat> targets = new LinkedHashMap<>(parameters());
        targets.putAll(movingAverages());
        if (!targets.keySet().equals(state.tensors().keySet()))
            throw new IllegalArgumentException("snapshot tensors " + state.tensors().keySet() + ", expected "
                    + targets.keySet());
        targets.forEach((name, m) -> {
            double[] values = state.tensors().get(name);
            if (values.length != m.size())
                throw new IllegalArgumentException("snapshot tensor " + name + " has " + values.length
                        + " values, expected " + m.size());
        });
        targets.forEach((name, m) -> m.write(state.tensors().get(name)));
        averagesInitialized = state.averagesInitialized();
    }

    /** sum_l ||W_l||^2. */
    public double weightSquares() {
        double s = 0;
        for (Mat m : w) s += m.sumOfSquares();
        return s;
    }

    /**
     * Training-mode forward pass over ws.x with batch statistics; fills the per-sample losses. When
     * {@code updateAverages} is set, the batch-norm moving averages move towards this batch's statistics (the first
     * batch sets them). Returns the mean loss (without the L2 term).
     */
    public double forwardTrain(Workspace ws, byte[] labels, int labelOffset, boolean updateAverages) {
        return forward(ws, labels, labelOffset, true, updateAverages);
    }

    /** Test-mode forward pass (moving averages instead of batch statistics). Returns the mean loss. */
    public double forwardTest(Workspace ws, byte[] labels, int labelOffset) {
        return forward(ws, labels, labelOffset, false, false);
    }

    private double forward(Workspace ws, byte[] labels, int labelOffset, boolean train, boolean updateAverages) {
        int k = sizes.length;
        int n = ws.n;
        Mat in = ws.x;
        ws.kinks = 0;
        for (int l = 0; l < k - 1; l++) {
            int d = sizes[l];
            double[] sl = ws.sArr[l];
            double[] hl = ws.hArr[l];
            Dense.forward(in, w[l], ws.s[l]);
            ws.s[l].read(sl);
            if (config.batchNorm()) {
                double[] g = gamma[l].values();
                double[] be = beta[l].values();
                if (train) {
                    BatchNorm.forwardTrain(sl, n, d, g, be, config.bnEpsilon(), ws.mu[l], ws.var[l], ws.sHat[l], hl);
                    if (updateAverages) updateAverages(l, ws.mu[l], ws.var[l]);
                } else {
                    BatchNorm.forwardTest(sl, n, d, g, be, config.bnEpsilon(), avgMu[l].values(),
                            avgVar[l].values(), hl);
                }
                relu(ws, l, hl, hl, n * d);
            } else {
                Dense.addBias(sl, n, d, b[l].values());
                relu(ws, l, sl, hl, n * d);
            }
            ws.h[l].write(hl);
            in = ws.h[l];
        }
        if (updateAverages && config.batchNorm()) averagesInitialized = true;
        double[] out = ws.sArr[k - 1];
        Dense.forward(in, w[k - 1], ws.s[k - 1]);
        ws.s[k - 1].read(out);
        Dense.addBias(out, n, sizes[k - 1], b[k - 1].values());
        ws.correct = SoftmaxCrossEntropy.forward(out, n, sizes[k - 1], labels, labelOffset, ws.losses);
        return ws.lossSum() / n;
    }

    private static void relu(Workspace ws, int l, double[] y, double[] h, int size) {
        if (ws.frozen == null) Relu.forward(y, h, size);
        else ws.kinks += Relu.forwardFrozen(y, ws.frozen[l], h, size);
    }

    private void updateAverages(int l, double[] mu, double[] var) {
        if (averagesInitialized) {
            double[] m = avgMu[l].values();
            double[] v = avgVar[l].values();
            BatchNorm.updateAverage(m, mu, config.bnAlpha());
            BatchNorm.updateAverage(v, var, config.bnAlpha());
            roundInPlace(avgMu[l], m);
            roundInPlace(avgVar[l], v);
        } else {
            avgMu[l].write(mu);
            avgVar[l].write(var);
        }
    }

    /**
     * Gradients of the cost J after {@link #forwardTrain} over the same batch, by name as in {@link #parameters()}.
     * Allocates the gradient matrices; meant for checks, not for the training loop.
     */
    public Map<String, Mat> gradients(Workspace ws, byte[] labels, int labelOffset, double lambda) {
        Map<String, Mat> grads = new LinkedHashMap<>();
        backward(ws, labels, labelOffset, lambda, 0.0, grads);
        return grads;
    }

    /**
     * One gradient-descent step after {@link #forwardTrain}: every parameter moves by {@code -eta * dJ/dparam}.
     * The weight update is fused into the BLAS call that computes the weight gradient.
     */
    public void sgdUpdate(Workspace ws, byte[] labels, int labelOffset, double lambda, double eta) {
        backward(ws, labels, labelOffset, lambda, eta, null);
    }

    /** Backward pass: stores gradients in {@code grads} when it is not null, else applies SGD with rate eta. */
    private void backward(Workspace ws, byte[] labels, int labelOffset, double lambda, double eta,
                          Map<String, Mat> grads) {
        int k = sizes.length;
        int n = ws.n;
        double[] dArr = ws.sArr[k - 1];
        SoftmaxCrossEntropy.backward(dArr, n, sizes[k - 1], labels, labelOffset);
        Mat dS = ws.s[k - 1];
        dS.write(dArr);
        for (int l = k - 1; l >= 0; l--) {
            int d = sizes[l];
            Mat in = l == 0 ? ws.x : ws.h[l - 1];
            if (l > 0) Dense.backwardInput(dS, w[l], ws.dH[l - 1]);
            String suffix = Integer.toString(l + 1);
            if (grads != null) {
                Mat dW = Mat.zeros(precision, w[l].rows(), w[l].cols());
                Dense.backwardWeights(in, dS, dW, 1.0, 0.0);
                addScaled(dW, w[l], 2 * lambda);
                grads.put("W" + suffix, dW);
            } else {
                Dense.backwardWeights(in, dS, w[l], -eta, 1.0 - 2 * eta * lambda);
            }
            if (b[l] != null) {
                Dense.backwardBias(dArr, n, d, ws.db[l]);
                apply(grads, "b" + suffix, b[l], ws.db[l], eta);
            }
            if (l == 0) break;
            // hidden layer l - 1: back through ReLU, then batch norm, to its pre-activations
            int hl = l - 1;
            int dh = sizes[hl];
            dArr = ws.dArr[hl];
            ws.dH[hl].read(dArr);
            Relu.backward(dArr, ws.hArr[hl], dArr, n * dh);
            if (config.batchNorm()) {
                BatchNorm.backward(dArr, n, dh, ws.sHat[hl], ws.var[hl], gamma[hl].values(), config.bnEpsilon(),
                        ws.dGamma[hl], ws.dBeta[hl], dArr);
                apply(grads, "gamma" + l, gamma[hl], ws.dGamma[hl], eta);
                apply(grads, "beta" + l, beta[hl], ws.dBeta[hl], eta);
            }
            dS = ws.dH[hl];
            dS.write(dArr);
        }
    }

    private void apply(Map<String, Mat> grads, String name, Mat param, double[] grad, double eta) {
        if (grads != null) {
            Mat g = Mat.zeros(precision, 1, grad.length);
            g.write(grad);
            grads.put(name, g);
        } else {
            double[] p = param.values();
            for (int i = 0; i < p.length; i++) p[i] = param.round(p[i] - eta * grad[i]);
        }
    }

    /** Rounds the values just computed in an on-heap matrix's storage to its precision. */
    private static void roundInPlace(Mat m, double[] values) {
        for (int i = 0; i < values.length; i++) values[i] = m.round(values[i]);
    }

    /** target += scale * other. */
    private static void addScaled(Mat target, Mat other, double scale) {
        for (int i = 0, n = target.size(); i < n; i++) target.set(i, target.get(i) + scale * other.get(i));
    }
}
