package org.knetsweep.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.results.ResultStore;
import org.knetsweep.train.TriangularClr;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * Small stored sweeps for the report tests, written with {@link ResultStore}: a lambda search (coarse, fine, final,
 * one failed trial) and a grid (batch norm on/off x two sigmas of normal initialization).
 *
 * <p>The stored configuration limits training to 1000 images with batch size 100: n_s = 5 * 1000 / 100 = 50 steps,
 * 10 steps per epoch, so 2 cycles = 200 steps = 20 epochs and 3 cycles = 30 epochs.
 */
final class SyntheticSweeps {
    static final String LAMBDA_ID = "lambda-search-20261127-060000";
    static final String GRID_ID = "grid-bn-sigma";
    static final String TABLE_ID = "table-search";
    static final String TABLE_FAILED_ID = "table-search-failed";
    static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    static final int STEPS_PER_EPOCH = 10;
    static final TriangularClr CLR = new TriangularClr(1e-5, 1e-1, 50);
    static final double[] COARSE = {-2.9, -2.45, -2.05, -1.6, -1.2};
    static final double[] FINE = {-2.38, -2.2, -2.02};
    static final double BEST = -2.2;
    static final double TEST_ACCURACY = 0.5212;

    private SyntheticSweeps() {
    }

    static LoadedConfig config(String... extraSets) {
        List<String> sets = new ArrayList<>(List.of("data.train-limit=1000", "training.batch-size=100",
                "training.cycles=2", "sweep.final.cycles=3"));
        sets.addAll(List.of(extraSets));
        return ConfigLoader.load(null, sets);
    }

    /** Validation accuracy of a lambda: best at {@link #BEST}. */
    static double accuracy(double log10Lambda) {
        return 0.51 - 0.04 * (log10Lambda - BEST) * (log10Lambda - BEST);
    }

    /** Writes the lambda search: 5 coarse (coarse-002 failed), 3 fine, 1 final trial, and the sweep row. */
    static void writeLambdaSearch(ResultStore store) {
        LoadedConfig cfg = config();
        for (int i = 0; i < COARSE.length; i++) {
            if (i == 2) {
                store.writeTrial(failed(LAMBDA_ID, Stage.COARSE, i, COARSE[i], cfg.hash()));
            } else {
                store.writeTrial(trial(LAMBDA_ID, Stage.COARSE, i, COARSE[i], true, "he", 0.1, 2,
                        accuracy(COARSE[i]), Double.NaN, cfg.hash()));
            }
        }
        for (int i = 0; i < FINE.length; i++) {
            store.writeTrial(trial(LAMBDA_ID, Stage.FINE, i, FINE[i], true, "he", 0.1, 2, accuracy(FINE[i]),
                    Double.NaN, cfg.hash()));
        }
        store.writeTrial(trial(LAMBDA_ID, Stage.FINAL, 0, BEST, true, "he", 0.1, 3, accuracy(BEST) + 0.02,
                TEST_ACCURACY, cfg.hash()));
        store.writeSweep(new SweepRecord(LAMBDA_ID, "lambda-search", cfg.rendered(), SweepStatus.COMPLETE, T0,
                T0.plusSeconds(215), "fine-001", BEST, accuracy(BEST), TEST_ACCURACY, "local[2]",
                "local-1764223200000", "knet-sweep 0.1.0, spark 4.2.0, java 17.0.15"));
    }

    /**
     * The configuration of a sweep on a Parquet table, without a train-limit: the training rows (1,000, the trials'
     * steps say) are not in it.
     */
    static LoadedConfig tableConfig() {
        return ConfigLoader.load(null, List.of("data.format=parquet", "data.train=/data/rows-1000/train",
                "training.batch-size=100", "training.cycles=2", "sweep.final.cycles=3"));
    }

    /**
     * Writes a lambda search on a table of 1,000 training rows at batch size 100 (n_s = 50, 10 steps per epoch, as
     * {@link #trial} runs): 3 coarse trials and 1 final, or with {@code allFailed} 3 failed coarse trials only.
     */
    static void writeTableSearch(ResultStore store, String sweepId, boolean allFailed) {
        LoadedConfig cfg = tableConfig();
        for (int i = 0; i < 3; i++) {
            TrialOutcome t = allFailed ? failed(sweepId, Stage.COARSE, i, COARSE[i], cfg.hash())
                    : trial(sweepId, Stage.COARSE, i, COARSE[i], true, "he", 0.1, 2, accuracy(COARSE[i]), Double.NaN,
                    cfg.hash());
            store.writeTrial(t.toBuilder().stepSize(0).batchSize(100).build());
        }
        if (!allFailed) {
            store.writeTrial(trial(sweepId, Stage.FINAL, 0, COARSE[1], true, "he", 0.1, 3, accuracy(COARSE[1]),
                    TEST_ACCURACY, cfg.hash()).toBuilder().stepSize(0).batchSize(100).build());
        }
        store.writeSweep(new SweepRecord(sweepId, "table-search", cfg.rendered(), SweepStatus.COMPLETE, T0,
                T0.plusSeconds(60), allFailed ? null : "coarse-001", COARSE[1], accuracy(COARSE[1]), TEST_ACCURACY,
                "local[2]", "local-3", "knet-sweep 0.1.0"));
    }

    /** Writes the grid: (bn, no bn) x (sigma 1e-1, 1e-4), normal initialization, and the sweep row. */
    static void writeGrid(ResultStore store) {
        LoadedConfig cfg = config();
        int index = 0;
        for (boolean bn : new boolean[] {true, false}) {
            for (double sigma : new double[] {1e-1, 1e-4}) {
                // without batch norm, sigma 1e-4 does not learn (the report's section on initialization)
                double acc = bn ? 0.5 - (sigma < 1e-3 ? 0.01 : 0) : (sigma < 1e-3 ? 0.1 : 0.47);
                store.writeTrial(trial(GRID_ID, Stage.GRID, index++, Math.log10(0.005), bn, "normal", sigma, 2, acc,
                        Double.NaN, cfg.hash()));
            }
        }
        store.writeSweep(new SweepRecord(GRID_ID, "bn-vs-sigma", cfg.rendered(), SweepStatus.COMPLETE, T0,
                T0.plusSeconds(95), "grid-000", Math.log10(0.005), 0.5, Double.NaN, "local[2]", "local-2",
                "knet-sweep 0.1.0"));
    }

    /** A completed trial whose curves approach {@code accuracy}; cycles * 10 epochs of 10 steps. */
    static TrialOutcome trial(String sweepId, Stage stage, int index, double log10Lambda, boolean bn, String init,
                              double sigma, int cycles, double accuracy, double test, String hash) {
        int epochs = cycles * 2 * CLR.stepSize() / STEPS_PER_EPOCH;
        List<EpochMetrics> curve = new ArrayList<>();
        double lambdaTerm = 0.02 + 30 * Math.pow(10, log10Lambda);
        for (int e = 1; e <= epochs; e++) {
            long step = (long) e * STEPS_PER_EPOCH;
            double progress = (1 - Math.exp(-3.0 * e / epochs)) / (1 - Math.exp(-3.0)); // 1 at the last epoch
            double valAcc = 0.1 + (accuracy - 0.1) * progress;
            double trainAcc = Math.min(0.99, valAcc + 0.08 * progress);
            double valLoss = 2.3 - (2.3 - 1.45 + 2 * (accuracy - 0.5)) * progress;
            double trainLoss = valLoss - 0.15 * progress;
            curve.add(new EpochMetrics(e, step, CLR.at(step - 1), trainLoss + lambdaTerm, trainLoss, trainAcc,
                    valLoss + lambdaTerm, valLoss, valAcc));
        }
        EpochMetrics last = curve.get(curve.size() - 1);
        double best = curve.stream().mapToDouble(EpochMetrics::valAccuracy).max().orElseThrow();
        Instant start = T0.plusSeconds(20L * index + (stage == null ? 0 : 100L * stage.ordinal()));
        return TrialOutcome.builder(sweepId, stage, id(stage, index), index)
                .lambda(log10Lambda, Math.pow(10, log10Lambda)).hidden(List.of(50, 50)).batchNorm(bn).init(init)
                .initSigma(sigma).seed(42L + index).cycles(cycles).epochs(epochs)
                .steps((long) epochs * STEPS_PER_EPOCH).status(TrainingStatus.COMPLETE)
                .valAccuracy(last.valAccuracy()).bestValAccuracy(best).valCost(last.valCost()).valLoss(last.valLoss())
                .trainAccuracy(last.trainAccuracy()).trainCost(last.trainCost()).trainLoss(last.trainLoss())
                .testAccuracy(test).wallMs(8_000L + 100L * index).executorId("exec-1").host("127.0.0.1")
                .configHash(hash).startedAt(start).finishedAt(start.plusSeconds(8)).epochCurve(curve).build();
    }

    /** A trial that threw before its first epoch. */
    static TrialOutcome failed(String sweepId, Stage stage, int index, double log10Lambda, String hash) {
        return TrialOutcome.builder(sweepId, stage, id(stage, index), index)
                .lambda(log10Lambda, Math.pow(10, log10Lambda)).hidden(List.of(50, 50)).batchNorm(true).init("he")
                .initSigma(0.1).seed(42L + index).cycles(2).status(TrainingStatus.FAILED)
                .error("java.lang.IllegalStateException: injected failure of " + id(stage, index)
                        + "\n\tat x.y.Z(Z.java:1)")
                .wallMs(35L).executorId("exec-1").host("127.0.0.1").configHash(hash).startedAt(T0)
                .finishedAt(T0.plusMillis(35)).build();
    }

    static String id(Stage stage, int index) {
        return String.format("%s-%03d", stage.label(), index);
    }
}
