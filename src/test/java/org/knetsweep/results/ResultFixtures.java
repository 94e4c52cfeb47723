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
        return TrialOutcome.builder(sweepId, stage, trialId(stage, index), index)
                .lambda(log10Lambda, Math.pow(10, log10Lambda)).hidden(List.of(50, 30)).batchNorm(true).init("he")
                .initSigma(0.1).seed(42L + index).cycles(2).epochs(epochs).steps(450L * epochs)
                .status(TrainingStatus.COMPLETE).valAccuracy(val).bestValAccuracy(val + 0.001).valCost(1.2)
                .valLoss(1.1).trainAccuracy(0.5).trainCost(1.0).trainLoss(0.9)
                .testAccuracy(stage == Stage.FINAL ? 0.52 : Double.NaN).wallMs(12_345L + index)
                .executorId("exec-" + index).host("host-a").configHash("hash-" + sweepId)
                .startedAt(T0.plusSeconds(60L * index))
                .finishedAt(T0.plusSeconds(60L * index + 42).plusNanos(654_321_000L)).epochCurve(curve).build();
    }

    /** A trial that threw: every metric NaN, no epochs, a multi-line error text and no host. */
    public static TrialOutcome failed(String sweepId, Stage stage, int index) {
        return TrialOutcome.builder(sweepId, stage, trialId(stage, index), index).lambda(-3.5, Math.pow(10, -3.5))
                .hidden(List.of(50)).batchNorm(false).init("normal").initSigma(0.01).seed(7L).cycles(2)
                .status(TrainingStatus.FAILED).error("java.lang.IllegalStateException: boom\n\tat a.b.C(C.java:1)")
                .wallMs(17L).executorId("driver").host(null).attempt(2).configHash("hash-" + sweepId).startedAt(T0)
                .finishedAt(null).build();
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
        return o.toBuilder().replica(replica).rung(rung).build();
    }
}
