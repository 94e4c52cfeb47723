package org.knetsweep.bench;

import java.util.Arrays;
import java.util.List;
import org.knetsweep.config.RunConfig;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.nn.Mat;
import org.knetsweep.nn.Network;

/**
 * The in-JVM figures of the scoring benchmark, per batch of {@link Predictor#CHUNK} rows on one thread: the GEMM
 * floor (the forward pass's matrix products alone, the least any scorer of this network must spend) and
 * {@link Predictor#predict} (standardization, forward pass, softmax, argmax).
 */
public final class ScoreBenchmark {
    /** Times are this thread's CPU time, so that other load on the machine does not count. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private ScoreBenchmark() {
    }

    /** A model of {@code run}'s network with freshly initialized parameters, standardized on {@code images}. */
    public static TrainedModel randomModel(RunConfig run, ImageSet images) {
        Network net = new Network(run.network(), ImageSet.FEATURES, ImageSet.CLASSES, run.training().precision(),
                run.seed());
        Standardizer std = Standardizer.fit(images, ImageSet.FEATURES);
        List<String> names = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return TrainedModel.of("bench", "random", "-", run, ImageSet.FEATURES, names, net.state(), std, Double.NaN);
    }

    /** Median CPU milliseconds of the forward GEMMs of one {@code batch}-row batch, over {@code reps} repetitions. */
    public static double gemmFloorMs(TrainedModel model, int batch, int reps) {
        Network net = model.network();
        List<Mat> w = net.parameters().entrySet().stream().filter(e -> e.getKey().startsWith("W"))
                .map(e -> e.getValue()).toList();
        Mat[] in = new Mat[w.size()];
        Mat[] out = new Mat[w.size()];
        for (int l = 0; l < w.size(); l++) {
            in[l] = l == 0 ? Mat.zeros(net.precision(), batch, w.get(0).rows()) : out[l - 1];
            out[l] = Mat.zeros(net.precision(), batch, w.get(l).cols());
        }
        in[0].fill(0.5);
        long[] t = new long[reps];
        for (int r = -reps / 5; r < reps; r++) { // a fifth more as warm-up
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int l = 0; l < w.size(); l++) Mat.gemm(in[l], false, w.get(l), false, out[l], 1, 0);
            if (r >= 0) t[r] = CPU.getCurrentThreadCpuTime() - t0;
        }
        return median(t);
    }

    /** Median CPU milliseconds of {@link Predictor#predict} on one batch of {@code images} ({@code batch} rows). */
    public static double predictMs(TrainedModel model, ImageSet images, int batch, int reps) {
        Predictor p = new Predictor(model);
        int batches = images.size() / batch;
        ImageSet[] sets = new ImageSet[batches];
        for (int b = 0; b < batches; b++) {
            int[] idx = new int[batch];
            for (int i = 0; i < batch; i++) idx[i] = b * batch + i;
            sets[b] = images.select(idx);
        }
        long[] t = new long[reps];
        for (int r = -reps / 5; r < reps; r++) {
            ImageSet s = sets[Math.floorMod(r, batches)];
            long t0 = CPU.getCurrentThreadCpuTime();
            p.predict(s);
            if (r >= 0) t[r] = CPU.getCurrentThreadCpuTime() - t0;
        }
        return median(t);
    }

    static double median(long[] nanos) {
        long[] c = nanos.clone();
        Arrays.sort(c);
        return c[c.length / 2] / 1e6;
    }
}
