package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.results.ResultFixtures;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;

class ScreeningStepsTest {
    private static TrialOutcome rung(int trial, int rung, long steps) {
        TrialOutcome o = ResultFixtures.completed("s", Stage.COARSE, trial, 2);
        return ResultFixtures.atRung(o.toBuilder().steps(steps).build(), rung, 0);
    }

    @Test
    void countsTheScreeningRungsOfTheTrialsTrainedAfreshAtTheTopOnly() {
        // trial 0 stopped at rung 0; trial 1 at rung 1; trial 2 reached rung 2 (trained afresh there, 900 steps)
        List<TrialOutcome> rungs = List.of(rung(0, 0, 100), rung(1, 0, 100), rung(1, 1, 300), rung(2, 0, 100),
                rung(2, 1, 300), rung(2, 2, 900));
        // trial 2's row counts 900; its screening rungs trained 300 more (its rung-1 row counts rung 0's too)
        assertEquals(300, SweepCommand.screeningSteps(rungs, 2));
        assertEquals(0, SweepCommand.screeningSteps(rungs.subList(0, 5), 2));
    }
}
