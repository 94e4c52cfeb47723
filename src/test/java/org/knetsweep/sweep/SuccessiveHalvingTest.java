package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;
import org.knetsweep.config.HalvingConfig;

/** The halving policy: rung budgets and promotions, on a synthetic objective with a known optimum. */
class SuccessiveHalvingTest {
    @Test
    void budgetsOfTheReportsTrainingGrowGeometricallyToTheFullRun() {
        // 45000 images, batch 100: 450 steps per epoch, n_s = 2250, 2 cycles = 9000 steps
        HalvingConfig h = new HalvingConfig(true, 3, 3, 0.5);
        assertEquals(List.of(0.5, 1.0, 2.0), SuccessiveHalving.rungCycles(h, 2));
        assertEquals(List.of(2250L, 4500L, 9000L), SuccessiveHalving.rungSteps(h, 9000, 4500, 450));
        // four rungs from a quarter cycle: 0.25, 0.5, 1, 2 cycles; 0.25 cycles = 1125 steps -> 2.5 epochs -> 3 epochs
        HalvingConfig four = new HalvingConfig(true, 4, 2, 0.25);
        assertEquals(List.of(1350L, 2250L, 4500L, 9000L), SuccessiveHalving.rungSteps(four, 9000, 4500, 450));
    }

    @Test
    void rungsThatWouldAddNoEpochAreDropped() {
        // 10 steps per epoch, 40 steps in all: budgets 0.1, 0.2, 0.4, 0.8, 1.6 cycles of 25 steps -> 3, 5, 10, 20, 40
        HalvingConfig h = new HalvingConfig(true, 5, 2, 0.1);
        assertEquals(List.of(10L, 20L, 40L), SuccessiveHalving.rungSteps(h, 40, 25, 10));
        assertEquals(10, SuccessiveHalving.stepsFor(0.01, 40, 25, 10), "at least one epoch");
        assertEquals(40, SuccessiveHalving.stepsFor(5, 40, 25, 10), "at most the full run");
    }

    @Test
    void aFirstBudgetNotBelowTheFullRunIsAConfigError() {
        KnetException e = assertThrows(KnetException.class,
                () -> SuccessiveHalving.rungCycles(new HalvingConfig(true, 3, 3, 2), 2));
        assertTrue(e.getMessage().contains("knet.sweep.halving.min-budget: 2.0"), e.getMessage());
    }

    @Test
    void keepsFloorOfNOverEtaAndAtLeastOne() {
        assertEquals(9, SuccessiveHalving.keep(27, 3));
        assertEquals(3, SuccessiveHalving.keep(9, 3));
        assertEquals(3, SuccessiveHalving.keep(10, 3));
        assertEquals(1, SuccessiveHalving.keep(2, 3));
        assertEquals(5, SuccessiveHalving.keep(10, 2));
        assertEquals(0, SuccessiveHalving.keep(0, 3));
    }

    @Test
    void promotionsOnASyntheticObjectiveKeepTheOptimumAndRankByScore() {
        // 27 candidates x_i = i / 26 on [0, 1]; the objective peaks at x = 0.3 (candidate 8 is nearest: 0.3077);
        // a rung's score is the objective scaled by how far the training got, which keeps the order of the x_i.
        DoubleUnaryOperator objective = x -> 0.6 - (x - 0.3) * (x - 0.3);
        List<Integer> entering = new ArrayList<>();
        for (int i = 0; i < 27; i++) entering.add(i);
        List<List<Integer>> promoted = new ArrayList<>();
        for (int rung = 0; rung < 3; rung++) {
            double progress = (rung + 1) / 3.0;
            List<SuccessiveHalving.Entry> entries = new ArrayList<>();
            for (int i : entering) entries.add(new SuccessiveHalving.Entry("t" + i, i, progress * objective.applyAsDouble(i / 26.0)));
            List<SuccessiveHalving.Entry> kept = SuccessiveHalving.promote(entries, 3);
            entering = kept.stream().map(SuccessiveHalving.Entry::trialIndex).toList();
            promoted.add(entering);
        }
        // nearest to 0.3 first: 8 (0.3077), 7 (0.2692), 9 (0.3462), 6 (0.2308), 10 (0.3846), 5, 11, 4, 12
        assertEquals(List.of(8, 7, 9, 6, 10, 5, 11, 4, 12), promoted.get(0));
        assertEquals(List.of(8, 7, 9), promoted.get(1));
        assertEquals(List.of(8), promoted.get(2));
    }

    @Test
    void divergedTrialsAreNeverPromotedAndTiesGoToTheLowerIndex() {
        List<SuccessiveHalving.Entry> entries = List.of(
                new SuccessiveHalving.Entry("a", 0, Double.NaN),
                new SuccessiveHalving.Entry("b", 1, 0.4),
                new SuccessiveHalving.Entry("c", 2, 0.5),
                new SuccessiveHalving.Entry("d", 3, 0.5),
                new SuccessiveHalving.Entry("e", 4, Double.NaN),
                new SuccessiveHalving.Entry("f", 5, Double.NaN));
        assertEquals(List.of("c", "d"), SuccessiveHalving.promote(entries, 3).stream()
                .map(SuccessiveHalving.Entry::trialId).toList());
        // all but one diverged: the one left goes on even though floor(6 / 3) = 2
        List<SuccessiveHalving.Entry> mostlyDiverged = List.of(entries.get(0), entries.get(1), entries.get(4),
                entries.get(5), new SuccessiveHalving.Entry("g", 6, Double.NaN), new SuccessiveHalving.Entry("h", 7, Double.NaN));
        assertEquals(List.of("b"), SuccessiveHalving.promote(mostlyDiverged, 3).stream()
                .map(SuccessiveHalving.Entry::trialId).toList());
    }
}
