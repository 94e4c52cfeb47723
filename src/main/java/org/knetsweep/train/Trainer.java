package org.knetsweep.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.TrainingConfig;
import org.knetsweep.data.Cifar10Split;
import org.knetsweep.data.ImageSet;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;

/**
 * Mini-batch gradient descent with a triangular cyclical learning rate: one training run as a plain function of a
 * {@link RunConfig} and the data, as a Spark task calls it.
 *
 * <p>Seeds: the run seed is split into an initialization seed and a shuffling seed; each epoch draws a fresh
 * permutation of the training images. The last partial batch of an epoch is dropped. Same seed, same config, same
 * data: the same result, bit for bit.
 */
public final class Trainer {
    private Trainer() {
    }

    /** Trains a network and, when {@code measureTest} is set, evaluates it on the test set. */
    public static TrainingResult train(RunConfig cfg, Cifar10Split data, boolean measureTest,
                                       TrainingListener listener) {
        return train(cfg, new TrainingData(data), measureTest, listener);
    }

    /** As above, on prepared (possibly shared) training data. */
    public static TrainingResult train(RunConfig cfg, TrainingData prepared, boolean measureTest,
                                       TrainingListener listener) {
        long start = System.nanoTime();
        Cifar10Split data = prepared.split();
        TrainingConfig t = cfg.training();
        ImageSet train = data.train();
        int n = train.size();
        int batch = t.batchSize();
        if (batch > n) throw new IllegalArgumentException("batch size " + batch + " exceeds the " + n + " training images");
        TriangularClr clr = new TriangularClr(t.etaMin(), t.etaMax(), t.stepSizeFor(n));
        long totalSteps = clr.steps(t.cycles());
        int stepsPerEpoch = n / batch;

        SplittableRandom seeds = new SplittableRandom(cfg.seed());
        long initSeed = seeds.nextLong();
        SplittableRandom shuffle = new SplittableRandom(seeds.nextLong());
        Network net = new Network(cfg.network(), data.features(), ImageSet.CLASSES, t.precision(), initSeed);
        Workspace ws = net.workspace(batch);
        Batcher batcher = prepared.trainBatcher();
        byte[] labels = new byte[batch];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        List<EpochMetrics> epochs = new ArrayList<>();
        double best = Double.NaN;
        long step = 0;
        int epoch = 0;
        String diverged = null;
        while (step < totalSteps && diverged == null) {
            epoch++;
            permute(order, shuffle);
            double eta = 0;
            for (int b = 0; b < stepsPerEpoch && step < totalSteps; b++, step++) {
                batcher.fill(ws.x, order, b * batch, labels);
                double loss = net.forwardTrain(ws, labels, 0, true);
                if (!Double.isFinite(loss)) {
                    diverged = "training loss became " + loss + " at step " + step + " (epoch " + epoch + ")";
                    break;
                }
                eta = clr.at(step);
                net.sgdUpdate(ws, labels, 0, t.lambda(), eta);
            }
            if (diverged != null) break;
            Evaluation tr = Evaluator.evaluate(net, train, data.standardizer(), t.trainEvalSize(), t.lambda());
            Evaluation val = Evaluator.evaluate(net, data.validation(), data.standardizer(), 0, t.lambda());
            if (!Double.isFinite(tr.cost()) || !Double.isFinite(val.cost()) && data.validation().size() > 0) {
                diverged = "cost became non-finite after epoch " + epoch + " (train " + tr.cost() + ", validation "
                        + val.cost() + ")";
            }
            EpochMetrics m = new EpochMetrics(epoch, step, eta, tr.cost(), tr.loss(), tr.accuracy(), val.cost(),
                    val.loss(), val.accuracy());
            epochs.add(m);
            if (Double.isFinite(val.accuracy()) && !(val.accuracy() <= best)) best = val.accuracy();
            listener.onEpoch(m);
        }
        Evaluation finalVal = Evaluator.evaluate(net, data.validation(), data.standardizer(), 0, t.lambda());
        Evaluation finalTrain = Evaluator.evaluate(net, train, data.standardizer(), t.trainEvalSize(), t.lambda());
        Evaluation test = measureTest && diverged == null
                ? Evaluator.evaluate(net, data.test(), data.standardizer(), 0, t.lambda()) : null;
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        return new TrainingResult(diverged == null ? TrainingStatus.COMPLETE : TrainingStatus.DIVERGED,
                diverged == null ? "" : diverged, epochs, step, finalVal, finalTrain, best, test, wallMs);
    }

    /** Fisher–Yates shuffle from the given generator. */
    static void permute(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
