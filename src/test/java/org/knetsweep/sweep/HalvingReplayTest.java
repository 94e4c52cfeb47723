package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.knetsweep.sweep.SyntheticCurves.completed;
import static org.knetsweep.sweep.SyntheticCurves.linear;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;
import org.knetsweep.config.HalvingConfig;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;

/**
 * The replay of successive halving on synthetic curves of 450 steps per epoch and 10 epochs per cycle.
 *
 * <p>Policy eta 3, 3 rungs, first budget 0.5 cycles. For a 2-cycle trial (9000 steps, 4500 per cycle) the rungs end
 * after 0.5 * (2 / 0.5)^(r / 2) cycles = 0.5, 1, 2 cycles = 5, 10, 20 epochs = steps 2250, 4500, 9000. For a 1-cycle
 * trial (4500 steps): 0.5, 0.5 * 2^(1/2) = 0.707, 1 cycles = 5, round(7.07) = 7, 10 epochs = steps 2250, 3150, 4500.
 */
class HalvingReplayTest {
    static final HalvingConfig POLICY = new HalvingConfig(true, 3, 3, 0.5);
    static final String SWEEP = "replay-test";

    /** Nine 2-cycle trials whose curves rise linearly to 0.40 + 0.01 i: ranked by index at every epoch. */
    static List<TrialOutcome> ranked() {
        List<TrialOutcome> trials = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            trials.add(completed(SWEEP, Stage.COARSE, i, -3 + 0.25 * i, 2, linear(0.40 + 0.01 * i, 20)));
        }
        return trials;
    }

    /**
     * Rung 0 (step 2250): 9 enter, floor(9 / 3) = 3 kept: coarse-008, -007, -006 (scores 0.25 * final); 000..005 stop
     * there, 6 x 2250 = 13500 steps. Rung 1 (step 4500): 3 enter, 1 kept: coarse-008; 007, 006 stop, 2 x 4500 = 9000.
     * Rung 2: coarse-008 trains fully, 9000. With the policy 13500 + 9000 + 9000 = 31500 steps of 9 x 9000 = 81000,
     * saved 1 - 31500 / 81000 = 61.1%.
     */
    @Test
    void rankedCurvesStopTheWeakestAtEachRung() {
        HalvingReplay.Result r = HalvingReplay.replay(ranked(), POLICY);
        assertEquals("coarse", r.stage());
        assertEquals(List.of(new HalvingReplay.Rung(0, List.of(2250L), 9, 3),
                new HalvingReplay.Rung(1, List.of(4500L), 3, 1),
                new HalvingReplay.Rung(2, List.of(9000L), 1, 1)), r.rungs());
        assertEquals(List.of("coarse-000", "coarse-001", "coarse-002", "coarse-003", "coarse-004", "coarse-005",
                "coarse-006", "coarse-007"), r.stopped().stream().map(HalvingReplay.Stopped::trialId).toList());
        HalvingReplay.Stopped first = r.stopped().get(0);
        assertEquals(0, first.rung());
        assertEquals(2250, first.step());
        assertEquals(0.40 * 5 / 20, first.score(), 1e-12);
        assertEquals(0.40, first.finalValAccuracy(), 1e-12);
        assertEquals(-3, first.log10Lambda(), 1e-12);
        HalvingReplay.Stopped seventh = r.stopped().get(7);
        assertEquals(1, seventh.rung());
        assertEquals(4500, seventh.step());
        assertEquals(0.47 * 10 / 20, seventh.score(), 1e-12);
        assertEquals(List.of("coarse-008"), r.survivors().stream().map(HalvingReplay.Pick::trialId).toList());
        assertEquals(31500, r.stepsWithPolicy());
        assertEquals(81000, r.stepsWithout());
        assertEquals(1 - 31500.0 / 81000, r.savedFraction(), 1e-12);
        assertEquals("coarse-008", r.winner().trialId());
        assertEquals(0.48, r.winner().valAccuracy(), 1e-12);
        assertTrue(r.winnerKept());
        assertTrue(r.winnerStopped().isEmpty());
        assertEquals("coarse-008", r.policyWinner().orElseThrow().trialId());
        assertTrue(r.excluded().isEmpty());
    }

    /**
     * coarse-002 is a late bloomer: 0.01 per epoch for 15 epochs, then up to 0.55 at epoch 20, the best final
     * accuracy. At rung 0 its score 0.05 is the lowest, so the policy stops it and picks coarse-008 instead.
     */
    @Test
    void aLateBloomingWinnerIsStoppedEarly() {
        List<TrialOutcome> trials = new ArrayList<>(ranked());
        double[] late = new double[20];
        for (int e = 1; e <= 20; e++) late[e - 1] = e <= 15 ? 0.01 * e : 0.15 + 0.08 * (e - 15);
        trials.set(2, completed(SWEEP, Stage.COARSE, 2, -2.5, 2, late));
        HalvingReplay.Result r = HalvingReplay.replay(trials, POLICY);
        assertEquals("coarse-002", r.winner().trialId());
        assertEquals(0.55, r.winner().valAccuracy(), 1e-12);
        assertFalse(r.winnerKept());
        HalvingReplay.Stopped stopped = r.winnerStopped().orElseThrow();
        assertEquals(0, stopped.rung());
        assertEquals(0.05, stopped.score(), 1e-12);
        assertEquals(0.55, stopped.finalValAccuracy(), 1e-12);
        assertEquals("coarse-008", r.policyWinner().orElseThrow().trialId());
        assertEquals(31500, r.stepsWithPolicy(), "the same rungs and counts as the ranked case");
    }

    /** Diverged, failed and cut-off trials are left out; the replay of the others is the ranked case. */
    @Test
    void trialsThatDidNotRunToTheEndAreExcluded() {
        List<TrialOutcome> trials = new ArrayList<>(ranked());
        trials.add(SyntheticCurves.diverged(SWEEP, Stage.COARSE, 9, -0.5, 3));
        trials.add(SyntheticCurves.failed(SWEEP, Stage.COARSE, 10, -0.4));
        trials.add(SyntheticCurves.truncated(completed(SWEEP, Stage.COARSE, 11, -0.3, 2, linear(0.9, 20)), 12));
        HalvingReplay.Result r = HalvingReplay.replay(trials, POLICY);
        assertEquals(List.of(new HalvingReplay.Excluded("coarse-009", "has status DIVERGED"),
                new HalvingReplay.Excluded("coarse-010", "has status FAILED"),
                new HalvingReplay.Excluded("coarse-011", "has an epoch curve ending at step 5400 of 9000")),
                r.excluded());
        HalvingReplay.Result plain = HalvingReplay.replay(ranked(), POLICY);
        assertEquals(plain.rungs(), r.rungs());
        assertEquals(plain.stopped(), r.stopped());
        assertEquals(plain.stepsWithPolicy(), r.stepsWithPolicy());
        assertEquals(plain.stepsWithout(), r.stepsWithout());
        assertEquals("coarse-008", r.winner().trialId(), "the truncated 0.9 trial is not a candidate");
    }

    @Test
    void aStageWithNothingToReplayIsAnErrorNamingTheTrials() {
        KnetException e = assertThrows(KnetException.class, () -> HalvingReplay.replay(
                List.of(SyntheticCurves.failed(SWEEP, Stage.FINE, 0, -2)), POLICY));
        assertEquals("no trial of stage fine can be replayed: fine-000 has status FAILED", e.getMessage());
    }

    @Test
    void aFirstBudgetAsLongAsATrialIsAnErrorNamingTheTrial() {
        KnetException e = assertThrows(KnetException.class,
                () -> HalvingReplay.replay(ranked(), new HalvingConfig(true, 3, 3, 2)));
        assertTrue(e.getMessage().startsWith("cannot replay coarse-000 (2 cycles, 9000 steps, 450 per epoch): "
                + "invalid value for knet.sweep.halving.min-budget: 2.0"), e.getMessage());
    }

    /**
     * A grid with 2-cycle trials g0..g2 (finals 0.45, 0.44, 0.43) and 1-cycle trials g3..g5 (0.46, 0.42, 0.41),
     * linear curves. Rung 0 (step 2250 for all): scores 0.1125, 0.11, 0.1075 and 0.23, 0.21, 0.205; 6 enter, 2 kept:
     * g3, g4. Rung 1: both 1-cycle, end 3150; 1 kept: g3 (0.46 * 7 / 10 > 0.42 * 7 / 10). Rung 2: g3 runs to 4500.
     * Steps: 4 x 2250 + 3150 + 4500 = 16650 of 3 x 9000 + 3 x 4500 = 40500.
     */
    @Test
    void trialsOfDifferentLengthsUseTheirOwnRungEnds() {
        double[] finals = {0.45, 0.44, 0.43, 0.46, 0.42, 0.41};
        List<TrialOutcome> grid = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int cycles = i < 3 ? 2 : 1;
            grid.add(completed(SWEEP, Stage.GRID, i, -2.3, cycles, linear(finals[i], cycles * 10)));
        }
        assertEquals(List.of(2250L, 4500L, 9000L), HalvingReplay.rungEnds(grid.get(0), POLICY));
        assertEquals(List.of(2250L, 3150L, 4500L), HalvingReplay.rungEnds(grid.get(3), POLICY));
        HalvingReplay.Result r = HalvingReplay.replay(grid, POLICY);
        assertEquals(List.of(new HalvingReplay.Rung(0, List.of(2250L), 6, 2),
                new HalvingReplay.Rung(1, List.of(3150L), 2, 1),
                new HalvingReplay.Rung(2, List.of(4500L), 1, 1)), r.rungs());
        assertEquals(List.of("grid-000", "grid-001", "grid-002", "grid-005", "grid-004"),
                r.stopped().stream().map(HalvingReplay.Stopped::trialId).toList());
        assertEquals(16650, r.stepsWithPolicy());
        assertEquals(40500, r.stepsWithout());
        assertEquals("grid-003", r.winner().trialId());
        assertTrue(r.winnerKept());
    }

    /** Two 2-cycle trials and one of 1 cycle, eta 1.5: rung 1 holds both end steps, 3150 and 4500. */
    @Test
    void aRungWithMixedLengthsListsEveryEndStep() {
        List<TrialOutcome> grid = List.of(
                completed(SWEEP, Stage.GRID, 0, -2, 2, linear(0.50, 20)),
                completed(SWEEP, Stage.GRID, 1, -2, 1, linear(0.45, 10)),
                completed(SWEEP, Stage.GRID, 2, -2, 2, linear(0.30, 20)));
        // rung 0 at 2250: scores 0.125, 0.225, 0.075; eta 1.5 keeps floor(3 / 1.5) = 2: grid-001, grid-000
        HalvingReplay.Result r = HalvingReplay.replay(grid, new HalvingConfig(true, 3, 1.5, 0.5));
        assertEquals(List.of(3150L, 4500L), r.rungs().get(1).endSteps());
        // rung 1 keeps floor(2 / 1.5) = 1: grid-000 at 4500 has 0.25, grid-001 at 3150 has 0.315, so grid-001
        assertEquals(List.of("grid-002", "grid-000"), r.stopped().stream().map(HalvingReplay.Stopped::trialId).toList());
        assertEquals(2250 + 4500 + 4500, r.stepsWithPolicy());
        assertEquals("grid-000", r.winner().trialId());
        assertFalse(r.winnerKept());
        assertEquals("grid-001", r.policyWinner().orElseThrow().trialId());
    }

    @Test
    void stepsPerEpochComeFromEpochOneElseFromDifferences() {
        List<EpochMetrics> full = completed(SWEEP, Stage.COARSE, 0, -2, 2, linear(0.5, 20)).epochCurve();
        assertEquals(450, HalvingReplay.stepsPerEpoch(full));
        assertEquals(450, HalvingReplay.stepsPerEpoch(full.subList(3, 20)), "no epoch-1 row");
        assertEquals(450, HalvingReplay.stepsPerEpoch(List.of(full.get(4))), "one row");
    }

    @Test
    void theScoreAtAStepIsThatOfTheLastRowAtOrBeforeIt() {
        List<EpochMetrics> curve = completed(SWEEP, Stage.COARSE, 0, -2, 2, linear(0.5, 20)).epochCurve();
        assertEquals(0.5 * 5 / 20, HalvingReplay.scoreAt(curve, 2250), 1e-12);
        assertEquals(0.5 * 5 / 20, HalvingReplay.scoreAt(curve, 2600), 1e-12);
        List<EpochMetrics> gap = new ArrayList<>(curve);
        gap.remove(4); // the epoch-5 row at step 2250 is missing
        assertEquals(0.5 * 4 / 20, HalvingReplay.scoreAt(gap, 2250), 1e-12);
        assertTrue(Double.isNaN(HalvingReplay.scoreAt(curve, 100)));
    }
}
