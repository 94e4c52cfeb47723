package org.knetsweep.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.nn.Mat;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;
import org.knetsweep.train.Batcher;

/**
 * Times training steps (batch gather and standardization, forward, backward, update) and, in the same process, the
 * step's matrix products alone (the GEMM floor) on random images of CIFAR-10's shape.
 */
public final class StepBenchmark {
    /** Median timings of one configuration, milliseconds. */
    public record Result(String network, Precision precision, double stepMs, double gemmMs) {
        public double ratio() {
            return stepMs / gemmMs;
        }
    }

    private StepBenchmark() {
    }

    public static Result run(String label, NetworkConfig cfg, Precision precision, int batch, int warmup, int steps,
                             ImageSet images, Standardizer standardizer) {
        Network net = new Network(cfg, standardizer.features(), ImageSet.CLASSES, precision, 1);
        Workspace ws = net.workspace(batch);
        Batcher batcher = Batcher.precomputed(images, standardizer);
        byte[] labels = new byte[batch];
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        SplittableRandom rng = new SplittableRandom(7);
        shuffle(order, rng);
        long[] t = new long[steps];
        int perEpoch = images.size() / batch;
        for (int s = -warmup; s < steps; s++) {
            int b = Math.floorMod(s, perEpoch);
            long t0 = System.nanoTime();
            batcher.fill(ws.x, order, b * batch, labels);
            net.forwardTrain(ws, labels, 0, true);
            net.sgdUpdate(ws, labels, 0, 0.005, 1e-3);
            long t1 = System.nanoTime();
            if (s >= 0) t[s] = t1 - t0;
        }
        double step = median(t);
        double gemm = gemmFloor(net, batch, warmup, steps);
        return new Result(label, precision, step, gemm);
    }

    /**
     * The matrix products of one step on the same shapes and with the same BLAS arguments: forward S_l, backward
     * dH_(l-1) and the weight update fused into the dW_l product (alpha = -eta, beta = 1 - 2 eta lambda).
     */
    static double gemmFloor(Network net, int batch, int warmup, int steps) {
        Precision p = net.precision();
        List<Mat> weights = net.parameters().entrySet().stream().filter(e -> e.getKey().startsWith("W"))
                .map(e -> e.getValue()).toList();
        int k = weights.size();
        Mat[] in = new Mat[k];
        Mat[] out = new Mat[k];
        Mat[] dW = new Mat[k];
        for (int l = 0; l < k; l++) {
            Mat w = weights.get(l);
            in[l] = Mat.zeros(p, batch, w.rows());
            out[l] = Mat.zeros(p, batch, w.cols());
            dW[l] = w.copy();
            in[l].fill(0.5);
            out[l].fill(0.25);
        }
        long[] t = new long[steps];
        for (int s = -warmup; s < steps; s++) {
            long t0 = System.nanoTime();
            for (int l = 0; l < k; l++) Mat.gemm(in[l], false, weights.get(l), false, out[l], 1, 0);
            for (int l = k - 1; l >= 0; l--) {
                if (l > 0) Mat.gemm(out[l], false, weights.get(l), true, in[l], 1, 0);
                Mat.gemm(in[l], true, out[l], false, dW[l], -1e-3, 1 - 1e-5);
            }
            long t1 = System.nanoTime();
            if (s >= 0) t[s] = t1 - t0;
        }
        return median(t);
    }

    /** Random images (uniform bytes, random labels) and their standardizer. */
    public static ImageSet randomImages(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * ImageSet.FEATURES];
        for (int i = 0; i < px.length; i++) px[i] = (byte) rng.nextInt(256);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) labels[i] = (byte) rng.nextInt(ImageSet.CLASSES);
        return new ImageSet(px, labels);
    }

    public static Standardizer standardizer(ImageSet images) {
        return Standardizer.fit(images, ImageSet.FEATURES);
    }

    static double median(long[] nanos) {
        long[] c = nanos.clone();
        Arrays.sort(c);
        return c[c.length / 2] / 1e6;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }
}
