package org.knetsweep.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

/**
 * Stored trials with chosen validation-accuracy curves, for the halving replay tests. Every trial has
 * {@link #STEPS_PER_EPOCH} steps per epoch and 10 epochs per cycle (n_s = 2250, the full CIFAR-10 training set with
 * batch size 100), so a 2-cycle trial has 20 epochs and 9000 steps.
 */
public final class SyntheticCurves {
    public static final long STEPS_PER_EPOCH = 450;
    public static final int EPOCHS_PER_CYCLE = 10;

    private SyntheticCurves() {
    }

    /** Validation accuracy rising linearly to {@code last} over the epochs: {@code last * e / epochs}. */
    public static double[] linear(double last, int epochs) {
        double[] acc = new double[epochs];
        for (int e = 1; e <= epochs; e++) acc[e - 1] = last * e / epochs;
        return acc;
    }

    /** A completed trial of {@code cycles} cycles whose validation accuracy at epoch e is {@code valAccuracy[e - 1]}. */
    public static TrialOutcome completed(String sweepId, Stage stage, int index, double log10Lambda, int cycles,
                                         double[] valAccuracy) {
        int epochs = cycles * EPOCHS_PER_CYCLE;
        if (valAccuracy.length != epochs) throw new IllegalArgumentException(epochs + " epochs expected");
        return trial(sweepId, stage, index, log10Lambda, cycles, TrainingStatus.COMPLETE, curve(valAccuracy),
                valAccuracy[epochs - 1]);
    }

    /** A trial of 2 cycles that diverged after {@code epochs} epochs (its curve stops there). */
    public static TrialOutcome diverged(String sweepId, Stage stage, int index, double log10Lambda, int epochs) {
        return trial(sweepId, stage, index, log10Lambda, 2, TrainingStatus.DIVERGED, curve(linear(0.3, epochs)),
                Double.NaN);
    }

    /** A trial of 2 cycles that threw before its first epoch. */
    public static TrialOutcome failed(String sweepId, Stage stage, int index, double log10Lambda) {
        return trial(sweepId, stage, index, log10Lambda, 2, TrainingStatus.FAILED, List.of(), Double.NaN);
    }

    /** The same trial with its curve cut after {@code epochs} epochs (rows lost), still marked COMPLETE. */
    public static TrialOutcome truncated(TrialOutcome t, int epochs) {
        return trial(t.sweepId(), t.stage(), t.trialIndex(), t.log10Lambda(), t.cycles(), t.status(),
                t.epochCurve().subList(0, epochs), t.valAccuracy());
    }

    private static List<EpochMetrics> curve(double[] valAccuracy) {
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 1; e <= valAccuracy.length; e++) {
            double acc = valAccuracy[e - 1];
            rows.add(new EpochMetrics(e, e * STEPS_PER_EPOCH, 0.01, 2 - acc, 1.9 - acc, acc + 0.05, 2.1 - acc,
                    2 - acc, acc));
        }
        return rows;
    }

    private static TrialOutcome trial(String sweepId, Stage stage, int index, double log10Lambda, int cycles,
                                      TrainingStatus status, List<EpochMetrics> curve, double valAccuracy) {
        long steps = status == TrainingStatus.COMPLETE ? cycles * EPOCHS_PER_CYCLE * STEPS_PER_EPOCH
                : curve.isEmpty() ? 0 : curve.get(curve.size() - 1).step();
        Instant start = Instant.parse("2026-05-01T08:00:00Z").plusSeconds(60L * index);
        return TrialOutcome.builder(sweepId, stage, TrialSpec.id(stage, index), index)
                .lambda(log10Lambda, Math.pow(10, log10Lambda)).hidden(List.of(50, 50)).batchNorm(true).init("he")
                .initSigma(0.1).seed(42L + index).cycles(cycles).epochs(curve.size()).steps(steps).status(status)
                .error(status == TrainingStatus.COMPLETE ? "" : status + " on purpose")
                .valAccuracy(valAccuracy).bestValAccuracy(valAccuracy).valCost(1.2).valLoss(1.1)
                .trainAccuracy(valAccuracy + 0.05).trainCost(1.0).trainLoss(0.9).wallMs(1000L).executorId("exec-1")
                .host("127.0.0.1").configHash("hash").startedAt(start).finishedAt(start.plusSeconds(50))
                .epochCurve(curve).build();
    }
}
