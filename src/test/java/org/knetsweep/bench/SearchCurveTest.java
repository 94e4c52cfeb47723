package org.knetsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

class SearchCurveTest {
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    static TrialOutcome row(Stage stage, int index, int rung, long steps, double val, TrainingStatus status,
                            long endSeconds) {
        return TrialOutcome.builder("s", stage, String.format("%s-%03d", stage.label(), index), index).steps(steps)
                .valAccuracy(val).status(status).rung(rung).startedAt(T0).finishedAt(T0.plusSeconds(endSeconds))
                .build();
    }

    @Test
    void fullBudgetTrialsCountInTrialOrderWithTheirSteps() {
        List<TrialOutcome> trials = List.of(row(Stage.COARSE, 1, -1, 100, 0.5, TrainingStatus.COMPLETE, 3),
                row(Stage.COARSE, 0, -1, 200, 0.4, TrainingStatus.COMPLETE, 5),
                row(Stage.FINE, 0, -1, 100, Double.NaN, TrainingStatus.DIVERGED, 9),
                row(Stage.FINAL, 0, -1, 900, 0.9, TrainingStatus.COMPLETE, 20));
        SearchCurve c = SearchCurve.of(trials, List.of());
        assertEquals(3, c.trials().length);
        assertEquals(0.4, c.bestAfterTrials(1));
        assertEquals(0.5, c.bestAfterTrials(2));
        assertEquals(400, c.totalSteps());
        assertEquals(0.5, c.finalBest());
        assertEquals(2, c.trialsToReach(0.45));
        assertEquals(300, c.stepsToReach(0.45));
        assertEquals(-1, c.trialsToReach(0.6));
        assertEquals(0.5, c.bestAfterSeconds(4));
        assertEquals(3.0, c.secondsToReach(0.45));
    }

    @Test
    void rungResultsCountInTheOrderTheyFinishedWithTheStepsEachRungAdded() {
        List<TrialOutcome> rungs = List.of(row(Stage.COARSE, 0, 0, 10, 0.3, TrainingStatus.COMPLETE, 1),
                row(Stage.COARSE, 1, 0, 10, 0.35, TrainingStatus.COMPLETE, 2),
                row(Stage.COARSE, 1, 1, 30, 0.45, TrainingStatus.COMPLETE, 4),
                row(Stage.COARSE, 2, 0, 10, 0.2, TrainingStatus.COMPLETE, 3));
        List<TrialOutcome> trials = List.of(row(Stage.COARSE, 0, 0, 10, 0.3, TrainingStatus.STOPPED, 1),
                row(Stage.COARSE, 1, 1, 30, 0.45, TrainingStatus.COMPLETE, 4),
                row(Stage.COARSE, 2, 0, 10, 0.2, TrainingStatus.STOPPED, 3));
        SearchCurve c = SearchCurve.of(trials, rungs);
        assertEquals(4, c.trials().length);
        assertEquals(50, c.totalSteps());
        assertEquals(3, c.trials()[3]);
        assertEquals(0.45, c.finalBest());
        assertEquals(50, c.stepsToReach(0.45));
        assertEquals(0.35, c.bestAfterSteps(30));
        // rung 1 trained from scratch (restarts' top rung): its 30 steps are all new
        SearchCurve fresh = SearchCurve.of(trials, rungs, 1);
        assertEquals(60, fresh.totalSteps());
        assertEquals(60, fresh.stepsToReach(0.45));
    }

    @Test
    void quartilesInterpolateAndSkipNaN() {
        Quartiles q = Quartiles.of(new double[] {4, 1, Double.NaN, 3, 2});
        assertEquals(2.5, q.median());
        assertEquals(1.75, q.q1());
        assertEquals(3.25, q.q3());
        assertEquals(4, q.n());
        assertTrue(Double.isNaN(Quartiles.of(new double[] {Double.NaN}).median()));
    }
}
