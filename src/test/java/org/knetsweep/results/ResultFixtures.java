package org.knetsweep.results;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/** Sample trials and sweeps for the result-table tests. */
public final class ResultFixtures {
    /** A start time with microsecond precision (what the tables keep). */
    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private ResultFixtures() {
    }

    /** The trial id the fixtures use for a stage and index, e.g. coarse-003. */
    public static String trialId(Stage stage, int index) {
        return String.format("%s-%03d", stage.label(), index);
    }

    /** A completed trial with {@code epochs} epochs; the test accuracy is NaN (not measured) except in FINAL. */
    public static TrialOutcome completed(String sweepId, Stage stage, int index, int epochs) {
        double log10Lambda = -5 + 0.25 * index;
        List<EpochMetrics> curve = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            curve.add(new EpochMetrics(e, 450L * e, 1e-5 + 0.01 * e, 2.0 - 0.1 * e, 1.9 - 0.1 * e, 0.3 + 0.02 * e,
                    2.1 - 0.1 * e, 2.0 - 0.1 * e, 0.28 + 0.02 * e + 0.001 * index));
        }
        EpochMetrics last = curve.isEmpty() ? null : curve.get(curve.size() - 1);
        double val = last == null ? Double.NaN : last.valAccuracy();
        return new TrialOutcome(sweepId, stage, trialId(stage, index), index, log10Lambda, Math.pow(10, log10Lambda),
                List.of(50, 30), true, "he", 0.1, 42L + index, 2, epochs, 450L * epochs, TrainingStatus.COMPLETE,
                "", val, val + 0.001, 1.2, 1.1, 0.5, 1.0, 0.9, stage == Stage.FINAL ? 0.52 : Double.NaN,
                12_345L + index, "exec-" + index, "host-a", 0, "hash-" + sweepId,
                T0.plusSeconds(60L * index), T0.plusSeconds(60L * index + 42).plusNanos(654_321_000L), curve);
    }

    /** A trial that threw: every metric NaN, no epochs, a multi-line error text and no host. */
    public static TrialOutcome failed(String sweepId, Stage stage, int index) {
        return new TrialOutcome(sweepId, stage, trialId(stage, index), index, -3.5, Math.pow(10, -3.5), List.of(50),
                false, "normal", 0.01, 7L, 2, 0, 0L, TrainingStatus.FAILED,
                "java.lang.IllegalStateException: boom\n\tat a.b.C(C.java:1)", Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 17L, "driver", null, 2, "hash-" + sweepId,
                T0, null, List.of());
    }

    /** A running sweep: finishedAt null, unknown metrics NaN. */
    public static SweepRecord running(String sweepId) {
        return new SweepRecord(sweepId, "lambda search " + sweepId, "knet {\n  seed = 42\n}\n", SweepStatus.RUNNING, T0, null,
                null, Double.NaN, Double.NaN, Double.NaN, "local[2]", "app-1", "spark 4.2.0");
    }

    /** The same sweep, completed. */
    public static SweepRecord complete(String sweepId) {
        return new SweepRecord(sweepId, "lambda search " + sweepId, "knet {\n  seed = 42\n}\n", SweepStatus.COMPLETE, T0,
                T0.plusSeconds(3600), trialId(Stage.FINE, 1), -2.75, 0.51, 0.52, "local[2]", "app-1", "spark 4.2.0");
    }

    /**
     * Writes two sweeps ({@code sweep-a}: 2 coarse + 1 fine, {@code grid:b/1}: 3 coarse, one of them failed) with
     * their sweep rows under {@code root}; returns the store.
     */
    public static ResultStore writeTwoSweeps(Path root) {
        ResultStore store = new ResultStore(root.toString());
        store.writeTrial(completed("sweep-a", Stage.COARSE, 0, 3));
        store.writeTrial(completed("sweep-a", Stage.COARSE, 1, 2));
        store.writeTrial(completed("sweep-a", Stage.FINE, 0, 4));
        store.writeTrial(completed("grid:b/1", Stage.COARSE, 0, 1));
        store.writeTrial(completed("grid:b/1", Stage.COARSE, 1, 2));
        store.writeTrial(failed("grid:b/1", Stage.COARSE, 2));
        store.writeSweep(complete("sweep-a"));
        store.writeSweep(running("grid:b/1"));
        store.writeRung(atRung(completed("sweep-a", Stage.COARSE, 0, 0), 0, 1));
        store.writeCandidates("sweep-a", "coarse", List.of(
                new Candidate(Stage.COARSE, "coarse-001", 1, -4.75, 3, 0.52, 0.004, 0.51, 0.53, 1,
                        new double[] {0.516, 0.52, 0.524}),
                new Candidate(Stage.COARSE, "coarse-000", 0, -5, 1, 0.5, Double.NaN, Double.NaN, Double.NaN, 2,
                        new double[] {0.5})));
        new ModelFiles(store).writeRow(new ModelFiles.Row("sweep-a", "fine-000",
                ResultLayout.modelDir(store.root(), "sweep-a", "fine-000"), 1, 123_456, 0.5125));
        return store;
    }

    /** {@code o} as a row of the rungs table (rung {@code rung}) of replica {@code replica}. */
    public static TrialOutcome atRung(TrialOutcome o, int rung, int replica) {
        return new TrialOutcome(o.sweepId(), o.stage(), o.trialId(), o.trialIndex(), o.log10Lambda(), o.lambda(),
                o.hidden(), o.batchNorm(), o.init(), o.initSigma(), o.seed(), o.cycles(), o.epochs(), o.steps(),
                o.status(), o.error(), o.valAccuracy(), o.bestValAccuracy(), o.valCost(), o.valLoss(),
                o.trainAccuracy(), o.trainCost(), o.trainLoss(), o.testAccuracy(), o.wallMs(), o.executorId(), o.host(),
                o.attempt(), o.configHash(), o.startedAt(), o.finishedAt(), o.epochCurve(), replica, rung);
    }
}
