package org.knetsweep.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.TrainingConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.data.ImageSet;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.TrainingStatus;

/**
 * Mini-batch gradient descent with a triangular cyclical learning rate: one training run as a plain function of a
 * {@link RunConfig} and the data, as a Spark task calls it.
 *
 * <p>Seeds: the run seed is split into an initialization seed and a shuffling seed; each epoch draws a fresh
 * permutation of the training images. The last partial batch of an epoch is dropped. Same seed, same config, same
 * data: the same result, bit for bit.
 */
public final class Trainer {
    /**
     * The part of a run to train: from {@code from} (null: from scratch) up to {@code stopAt} steps (at most the full
     * budget; {@link #FULL} for all of it). A run stopped at an epoch end and continued from its checkpoint ends
     * bit for bit where the same run without stopping ends.
     */
    public record Segment(Checkpoint from, long stopAt, boolean restart) {
        public static final long FULL = Long.MAX_VALUE;
        public static final Segment WHOLE = new Segment(null, FULL);

        /** A segment on the run's own schedule. */
        public Segment(Checkpoint from, long stopAt) {
            this(from, stopAt, false);
        }
    }

    private Trainer() {
    }

    /** Trains a network and, when {@code measureTest} is set, evaluates it on the test set. */
    public static TrainingResult train(RunConfig cfg, DataSplit data, boolean measureTest,
                                       TrainingListener listener) {
        return train(cfg, new TrainingData(data), measureTest, listener);
    }

    /** As above, on prepared (possibly shared) training data. */
    public static TrainingResult train(RunConfig cfg, TrainingData prepared, boolean measureTest,
                                       TrainingListener listener) {
        return train(cfg, prepared, measureTest, listener, Segment.WHOLE);
    }

    /**
     * Trains one segment of a run: continues from the segment's checkpoint (if any) and stops after
     * {@code segment.stopAt()} steps, which must fall on an epoch end unless it is the full budget. Test metrics are
     * measured only when the run reaches its full budget. With {@code segment.restart()} the segment's steps follow
     * one triangle of their own ({@link TriangularClr#restartAt}) instead of the run's cycles.
     */
    public static TrainingResult train(RunConfig cfg, TrainingData prepared, boolean measureTest,
                                       TrainingListener listener, Segment segment) {
        long start = System.nanoTime();
        DataSplit data = prepared.split();
        TrainingConfig t = cfg.training();
        ImageSet train = data.train();
        int n = train.size();
        int batch = t.batchSize();
        if (batch > n) throw new IllegalArgumentException("batch size " + batch + " exceeds the " + n + " training images");
        TriangularClr clr = new TriangularClr(t.etaMin(), t.etaMax(), t.stepSizeFor(n));
        long totalSteps = t.totalSteps(n);
        int stepsPerEpoch = t.stepsPerEpoch(n);
        long stopAt = Math.min(totalSteps, segment.stopAt());
        if (stopAt < totalSteps && stopAt % stepsPerEpoch != 0)
            throw new IllegalArgumentException("a run can stop early only at an epoch end (multiples of "
                    + stepsPerEpoch + " steps), not after " + stopAt + " steps");
        Checkpoint from = segment.from();
        if (from != null && (from.step() > stopAt || from.step() != (long) from.epoch() * stepsPerEpoch))
            throw new IllegalArgumentException("checkpoint at step " + from.step() + " (epoch " + from.epoch()
                    + ") cannot continue to step " + stopAt);

        SplittableRandom seeds = new SplittableRandom(cfg.seed());
        long initSeed = seeds.nextLong();
        SplittableRandom shuffle = new SplittableRandom(seeds.nextLong());
        Network net = new Network(cfg.network(), data.features(), data.classes(), t.precision(), initSeed);
        Workspace ws = net.workspace(batch);
        Batcher batcher = prepared.trainBatcher();
        Evaluator evaluator = new Evaluator(net, data.standardizer());
        byte[] labels = new byte[batch];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        List<EpochMetrics> epochs = new ArrayList<>();
        double best = Double.NaN;
        long step = 0;
        int epoch = 0;
        long priorWallMs = 0;
        if (from != null) {
            net.restore(from.network());
            for (int e = 0; e < from.epoch(); e++) permute(order, shuffle); // replay the shuffles of the done epochs
            step = from.step();
            epoch = from.epoch();
            best = from.bestValAccuracy();
            priorWallMs = from.wallMs();
        }
        long first = step;
        String diverged = null;
        // the evaluations of the network as it is now, when the last epoch made them (its steps all done since)
        Evaluation lastTrain = null;
        Evaluation lastVal = null;
        while (step < stopAt && diverged == null) {
            lastTrain = null;
            lastVal = null;
            epoch++;
            permute(order, shuffle);
            double eta = 0;
            for (int b = 0; b < stepsPerEpoch && step < stopAt; b++, step++) {
                batcher.fill(ws.x, order, b * batch, labels);
                double loss = net.forwardTrain(ws, labels, 0, true);
                if (!Double.isFinite(loss)) {
                    diverged = "training loss became " + loss + " at step " + step + " (epoch " + epoch + ")";
                    break;
                }
                eta = segment.restart() ? clr.restartAt(first, stopAt, step) : clr.at(step);
                net.sgdUpdate(ws, labels, 0, t.lambda(), eta);
            }
            if (diverged != null) break;
            Evaluation tr = evaluator.evaluate(batcher, t.trainEvalSize(), t.lambda());
            Evaluation val = evaluator.evaluate(data.validation(), 0, t.lambda());
            lastTrain = tr;
            lastVal = val;
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
        Evaluation finalVal = lastVal != null ? lastVal : evaluator.evaluate(data.validation(), 0, t.lambda());
        Evaluation finalTrain = lastTrain != null ? lastTrain
                : evaluator.evaluate(batcher, t.trainEvalSize(), t.lambda());
        boolean finished = step >= totalSteps;
        Evaluation test = measureTest && diverged == null && finished && data.hasTest()
                ? evaluator.evaluate(data.test(), 0, t.lambda()) : null;
        long wallMs = priorWallMs + (System.nanoTime() - start) / 1_000_000;
        Checkpoint checkpoint = diverged == null && !finished
                ? new Checkpoint(step, epoch, best, wallMs, net.state()) : null;
        return new TrainingResult(diverged == null ? TrainingStatus.COMPLETE : TrainingStatus.DIVERGED,
                diverged == null ? "" : diverged, epochs, step, finalVal, finalTrain, best, test, wallMs, checkpoint,
                diverged == null ? net.state() : null);
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
