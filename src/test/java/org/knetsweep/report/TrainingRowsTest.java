package org.knetsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.TrainingConfig;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/** The training rows of a table sweep as its trials' steps tell them. */
class TrainingRowsTest {
    private static TrainingConfig training(int batchSize, int cycles) {
        return ConfigLoader.load(null, List.of("training.batch-size=" + batchSize, "training.cycles=" + cycles))
                .run().training();
    }

    /**
     * A trial that ran {@code n} training rows as the trainer runs them (its step counts from TrainingConfig): all its
     * steps, or with {@code stopAtEpoch} > 0 stopped after that epoch.
     */
    private static TrialOutcome ran(Stage stage, int n, int batchSize, int cycles, int stopAtEpoch) {
        return ran(stage, n, training(batchSize, cycles), stopAtEpoch);
    }

    private static TrialOutcome ran(Stage stage, int n, TrainingConfig t, int stopAtEpoch) {
        int batchSize = t.batchSize();
        int cycles = t.cycles();
        long total = t.totalSteps(n);
        int perEpoch = t.stepsPerEpoch(n);
        long stopAt = stopAtEpoch > 0 ? Math.min(total, (long) stopAtEpoch * perEpoch) : total;
        List<EpochMetrics> curve = new ArrayList<>();
        long step = 0;
        for (int e = 1; step < stopAt; e++) {
            step = Math.min(stopAt, step + perEpoch);
            curve.add(new EpochMetrics(e, step, 0.01, 1, 1, 0.5, 1, 1, 0.5));
        }
        return TrialOutcome.builder("s", stage, stage.label() + "-000", 0).cycles(cycles).epochs(curve.size())
                .steps(stopAt).status(stopAt == total ? TrainingStatus.COMPLETE : TrainingStatus.STOPPED)
                .epochCurve(curve).stepSize(0).batchSize(batchSize).build();
    }

    @Test
    void aThousandRowsAtBatch100GiveNs50AndTheRowsWithinAFifthOfABatch() {
        TrainingRows rows = TrainingRows.of(List.of(ran(Stage.COARSE, 1000, 100, 2, 0)), 100, true);
        assertEquals(50, rows.stepSize());
        assertEquals(1000, rows.minRows());
        assertEquals(1019, rows.maxRows());
        assertEquals("1,000 to 1,019", rows.rows());
        assertTrue(rows.bounded());
        assertFalse(rows.exact());
    }

    @Test
    void everySizeLiesWithinItsBoundsAndGetsTheTrainersNs() {
        for (int batchSize : new int[] {3, 4, 5, 32, 100}) {
            TrainingConfig t = training(batchSize, 1);
            for (int n = batchSize; n <= 1500; n++) {
                TrainingRows rows = TrainingRows.of(List.of(ran(Stage.FINE, n, t, 0)), batchSize, true);
                String where = "n " + n + ", batch " + batchSize;
                assertEquals(t.stepSizeFor(n), rows.stepSize(), where);
                assertTrue(rows.minRows() <= n && n <= rows.maxRows(), where + ": " + rows);
                assertTrue(rows.maxRows() - rows.minRows() < Math.max(1, (batchSize + 4) / 5), where + ": " + rows);
                if (batchSize <= 5) assertTrue(rows.exact(), where + ": " + rows);
            }
        }
        TrainingRows exact = TrainingRows.of(List.of(ran(Stage.COARSE, 1001, 4, 2, 0)), 4, true);
        assertEquals("1,001", exact.rows());
    }

    @Test
    void aStoppedTrialTellsTheStepsPerEpochOnly() {
        TrainingRows rows = TrainingRows.of(List.of(ran(Stage.COARSE, 1000, 100, 2, 3)), 100, true);
        assertEquals(0, rows.stepSize(), "n_s from a trial that ran all its steps only");
        assertEquals(1000, rows.minRows());
        assertEquals(1099, rows.maxRows());
    }

    @Test
    void trialsOfAnotherTrainingSetDoNotCount() {
        TrialOutcome otherBatch = ran(Stage.COARSE, 1000, 50, 2, 0);
        TrialOutcome fixedStepSize = ran(Stage.COARSE, 1000, 100, 2, 0).toBuilder().stepSize(70).steps(280)
                .epochCurve(List.of()).build();
        TrialOutcome refit = ran(Stage.FINAL, 1200, 100, 2, 0); // trained on train+validation
        assertEquals(TrainingRows.UNKNOWN, TrainingRows.of(List.of(otherBatch, fixedStepSize, refit), 100, false));
        assertFalse(TrainingRows.UNKNOWN.bounded());
        // the final trial counts when the final stage trained on the training split
        assertEquals(60, TrainingRows.of(List.of(otherBatch, refit), 100, true).stepSize());
        // a failed trial tells nothing; a completed one after it does
        TrialOutcome failed = TrialOutcome.builder("s", Stage.COARSE, "coarse-001", 1).cycles(2)
                .status(TrainingStatus.FAILED).batchSize(100).stepSize(0).build();
        assertEquals(50, TrainingRows.of(List.of(failed, ran(Stage.COARSE, 1000, 100, 2, 0)), 100, true).stepSize());
        // rows of an older table, with no step or batch size recorded (-1), count
        TrialOutcome old = ran(Stage.COARSE, 1000, 100, 2, 0).toBuilder().stepSize(-1).batchSize(-1).build();
        assertEquals(50, TrainingRows.of(List.of(old), 100, true).stepSize());
    }
}
