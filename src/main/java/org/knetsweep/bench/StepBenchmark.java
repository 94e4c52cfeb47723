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
 * Times training steps (forward, backward, update) and the batch gather before each (copying the mini-batch's
 * standardized rows into the input matrix), and, in the same process, the step's matrix products alone (the GEMM
 * floor), on random images of CIFAR-10's shape.
 */
public final class StepBenchmark {
    /**
     * Median timings of one configuration, milliseconds: the step (forward, backward, update), the batch gather,
     * gather and step together (the median of their per-step sums), and the GEMM floor.
     */
    public record Result(String network, Precision precision, double stepMs, double gatherMs, double totalMs,
                         double gemmMs) {
        /** step / GEMM floor. */
        public double ratio() {
            return stepMs / gemmMs;
        }
    }

    private StepBenchmark() {
    }

    /**
     * Times {@code steps} steps after {@code warmup} and as many GEMM-floor repetitions, interleaved in
     * {@link #ROUNDS} rounds (a block of steps, then a block of floor repetitions), so that a machine whose speed
     * drifts during the run (frequency, neighbours) moves both medians alike instead of skewing their ratio.
     */
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
        Floor floor = new Floor(net, batch);
        long[] gather = new long[steps];
        long[] step = new long[steps];
        long[] total = new long[steps];
        long[] gemm = new long[steps];
        int perEpoch = images.size() / batch;
        for (int s = 0; s < warmup; s++) floor.time();
        int s = -warmup;
        for (int round = 0; round < ROUNDS; round++) {
            int until = (int) ((long) steps * (round + 1) / ROUNDS);
            int floorFrom = Math.max(s, 0);
            for (; s < until; s++) {
                int b = Math.floorMod(s, perEpoch);
                long t0 = System.nanoTime();
                batcher.fill(ws.x, order, b * batch, labels);
                long t1 = System.nanoTime();
                net.forwardTrain(ws, labels, 0, true);
                net.sgdUpdate(ws, labels, 0, 0.005, 1e-3);
                long t2 = System.nanoTime();
                if (s >= 0) {
                    gather[s] = t1 - t0;
                    step[s] = t2 - t1;
                    total[s] = t2 - t0;
                }
            }
            for (int f = floorFrom; f < until; f++) gemm[f] = floor.time();
        }
        return new Result(label, precision, median(step), median(gather), median(total), median(gemm));
    }

    /** Blocks of steps and of GEMM-floor repetitions alternate this many times. */
    static final int ROUNDS = 10;

    /**
     * The matrix products of one step on the same shapes and with the same BLAS arguments: forward S_l, backward
     * dH_(l-1) and the weight update fused into the dW_l product (alpha = -eta, beta = 1 - 2 eta lambda). Inputs
     * stay fixed (the backward products write to their own buffers), so no value drifts towards overflow or
     * subnormal numbers, which would change the products' speed.
     */
    static final class Floor {
        private final List<Mat> weights;
        private final Mat[] in;
        private final Mat[] out;
        private final Mat[] dIn;
        private final Mat[] dW;

        Floor(Network net, int batch) {
            Precision p = net.precision();
            weights = net.parameters().entrySet().stream().filter(e -> e.getKey().startsWith("W"))
                    .map(e -> e.getValue()).toList();
            int k = weights.size();
            in = new Mat[k];
            out = new Mat[k];
            dIn = new Mat[k];
            dW = new Mat[k];
            for (int l = 0; l < k; l++) {
                Mat w = weights.get(l);
                in[l] = Mat.zeros(p, batch, w.rows());
                out[l] = Mat.zeros(p, batch, w.cols());
                dIn[l] = Mat.zeros(p, batch, w.rows());
                dW[l] = w.copy();
                in[l].fill(0.5);
            }
        }

        /** Nanoseconds of one repetition. */
        long time() {
            int k = weights.size();
            long t0 = System.nanoTime();
            for (int l = 0; l < k; l++) Mat.gemm(in[l], false, weights.get(l), false, out[l], 1, 0);
            for (int l = k - 1; l >= 0; l--) {
                if (l > 0) Mat.gemm(out[l], false, weights.get(l), true, dIn[l], 1, 0);
                Mat.gemm(in[l], true, out[l], false, dW[l], -1e-3, 1 - 1e-5);
            }
            return System.nanoTime() - t0;
        }
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
