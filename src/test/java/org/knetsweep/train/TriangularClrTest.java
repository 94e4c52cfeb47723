package org.knetsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TriangularClrTest {
    private final TriangularClr clr = new TriangularClr(1e-5, 1e-1, 2250);

    @Test
    void climbsFromMinToMaxOverStepSizeThenFallsBack() {
        assertEquals(1e-5, clr.at(0), 1e-15);
        assertEquals(1e-5 + 0.5 * (1e-1 - 1e-5), clr.at(1125), 1e-12);
        assertEquals(1e-1, clr.at(2250), 1e-15);
        assertEquals(1e-1 - (1e-1 - 1e-5) / 2250, clr.at(2251), 1e-12);
        assertEquals(1e-5 + (1e-1 - 1e-5) / 2250, clr.at(4499), 1e-12);
    }

    @Test
    void repeatsEveryCycle() {
        for (long t : new long[] {0, 17, 2250, 3000, 4499}) assertEquals(clr.at(t), clr.at(t + 4500), 0.0);
        assertEquals(9000, clr.steps(2));
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> new TriangularClr(0.1, 0.01, 10));
        assertThrows(IllegalArgumentException.class, () -> new TriangularClr(0.01, 0.1, 0));
    }

    @Test
    void trainingBudgetFollowsTheReportsSchedule() {
        var t = new org.knetsweep.config.TrainingConfig(0.005, 100, 1e-5, 1e-1, 0, 2,
                org.knetsweep.config.Precision.FLOAT32, 5000);
        assertEquals(2250, t.stepSizeFor(45000)); // n_s = 5 * 45000 / 100
        assertEquals(4500, t.stepsPerCycle(45000));
        assertEquals(9000, t.totalSteps(45000));
        assertEquals(450, t.stepsPerEpoch(45000));
        assertEquals(9, t.stepsPerEpoch(999)); // the last partial batch is dropped
        var fixed = new org.knetsweep.config.TrainingConfig(0.005, 100, 1e-5, 1e-1, 800, 3,
                org.knetsweep.config.Precision.FLOAT32, 5000);
        assertEquals(4800, fixed.totalSteps(45000));
        assertEquals(new TriangularClr(1e-5, 1e-1, 800).steps(3), fixed.totalSteps(45000));
    }

    @Test
    void aRestartIsOneTriangleOverItsOwnSteps() {
        // over the first cycle it is the run's own schedule
        for (long t : new long[] {0, 1, 17, 2249, 2250, 3000, 4499}) assertEquals(clr.at(t), clr.restartAt(0, 4500, t), 1e-15);
        // a rung from step 500 to 1400: eta_min at its start, eta_max halfway, one step's rise from eta_min at its end
        double span = 1e-1 - 1e-5;
        assertEquals(1e-5, clr.restartAt(500, 1400, 500), 0.0);
        assertEquals(1e-1, clr.restartAt(500, 1400, 950), 1e-15);
        assertEquals(1e-5 + span / 450, clr.restartAt(500, 1400, 1399), 1e-15);
        // an odd length: the peak between two steps, the rates symmetric about it
        assertEquals(clr.restartAt(0, 7, 3), clr.restartAt(0, 7, 4), 1e-15);
        assertEquals(1e-5 + span * 3 / 3.5, clr.restartAt(0, 7, 3), 1e-15);
    }
}
