package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.knetsweep.cli.InProcessKnet.knet;
import static org.knetsweep.sweep.SyntheticCurves.completed;
import static org.knetsweep.sweep.SyntheticCurves.linear;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.results.ResultLayout;
import org.knetsweep.results.ResultStore;
import org.knetsweep.sweep.SyntheticCurves;
import org.knetsweep.trial.Stage;

/**
 * {@code knet replay} end to end on a stored synthetic lambda search (450 steps per epoch, 2-cycle trials of 9000
 * steps, see SyntheticCurves):
 * <ul>
 *   <li>coarse: 9 trials rising linearly to 0.40 + 0.01 i, plus a diverged coarse-009. With eta 3, 3 rungs, first
 *       budget 0.5 cycles the rungs end at steps 2250, 4500, 9000: coarse-000..005 stop at 2250 (13500 steps),
 *       coarse-006, 007 at 4500 (9000), coarse-008 runs fully (9000): 31500 of 81000 steps, saved 61.1%.</li>
 *   <li>fine: 3 trials; fine-001 (0.50 at the end) is a late bloomer with 0.05 at step 2250, fine-000 and fine-002
 *       rise linearly to 0.46 and 0.45. floor(3 / 3) = 1 kept at rung 0: fine-000; fine-001 and fine-002 stop at
 *       2250; fine-000 still has to pass rung 1 alone. Steps 2 x 2250 + 9000 = 13500 of 27000, saved 50.0%.</li>
 *   <li>final: one trial, never replayed.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayCommandTest {
    static final String SWEEP = "replay-sweep";
    private Path root;

    @BeforeAll
    void storeSweep(@TempDir Path dir) {
        root = dir.resolve("tables");
        ResultStore store = new ResultStore(root.toString());
        for (int i = 0; i < 9; i++) {
            store.writeTrial(completed(SWEEP, Stage.COARSE, i, -3 + 0.25 * i, 2, linear(0.40 + 0.01 * i, 20)));
        }
        store.writeTrial(SyntheticCurves.diverged(SWEEP, Stage.COARSE, 9, -0.75, 4));
        double[] late = new double[20];
        for (int e = 1; e <= 20; e++) late[e - 1] = e <= 15 ? 0.01 * e : 0.15 + 0.07 * (e - 15);
        store.writeTrial(completed(SWEEP, Stage.FINE, 0, -1.1, 2, linear(0.46, 20)));
        store.writeTrial(completed(SWEEP, Stage.FINE, 1, -1.0, 2, late));
        store.writeTrial(completed(SWEEP, Stage.FINE, 2, -0.9, 2, linear(0.45, 20)));
        store.writeTrial(completed(SWEEP, Stage.FINAL, 0, -1.0, 3, linear(0.52, 30)));
        store.writeTrial(completed("other-sweep", Stage.GRID, 0, -2, 2, linear(0.4, 20)));
        store.writeTrial(SyntheticCurves.failed("failed-sweep", Stage.COARSE, 0, -2));
        store.writeTrial(completed("failed-sweep", Stage.FINAL, 0, -2, 1, linear(0.4, 10)));
    }

    private InProcessKnet.Run replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--results", root.toString()));
        return knet(all);
    }

    @Test
    void replayOfEveryStagePrintsRungsStoppedTrialsAndSavedSteps() {
        InProcessKnet.Run run = replay(SWEEP, "--eta", "3", "--rungs", "3", "--min-budget", "0.5");
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.startsWith("knet replay: sweep replay-sweep, halving eta=3 rungs=3 min-budget=0.5\n"), out);
        assertTrue(out.contains("stage coarse: 9 trials replayed, 1 excluded\n"), out);
        assertTrue(out.contains("  excluded: coarse-009 has status DIVERGED\n"), out);
        for (int i = 0; i <= 5; i++) {
            assertTrue(out.contains("  coarse-00" + i + " "), out);
            assertTrue(line(out, "coarse-00" + i).contains("stopped at rung 0  2250"), line(out, "coarse-00" + i));
        }
        assertTrue(line(out, "coarse-006").contains("stopped at rung 1  4500"), out);
        assertTrue(line(out, "coarse-007").contains("stopped at rung 1  4500"), out);
        assertTrue(line(out, "coarse-008").contains("trained fully"), out);
        assertTrue(line(out, "coarse-008").endsWith("winner"), out);
        assertTrue(out.contains("replay coarse: halving eta=3 rungs=3 min-budget=0.5 -> steps 31500 of 81000 "
                + "(saved 61.1%); winner coarse-008 kept\n"), out);
        assertTrue(out.contains("replay fine: halving eta=3 rungs=3 min-budget=0.5 -> steps 13500 of 27000 "
                + "(saved 50.0%); winner fine-001 stopped at rung 0 (val 0.0500 there, 0.5000 when fully trained); "
                + "policy picks fine-000 (0.4600)\n"), out);
        assertTrue(line(out, "fine-001").endsWith("winner"), out);
        assertTrue(line(out, "fine-000").endsWith("policy winner"), out);
        assertFalse(out.contains("final-000"), "the final stage is not replayed");
    }

    /** The rung table of the coarse stage: 9 enter at 2250 and 3 are kept, 3 at 4500 and 1 kept, 1 runs fully. */
    @Test
    void theRungTableShowsEndStepsAndCounts() {
        String out = replay(SWEEP, "--stage", "coarse").out();
        assertTrue(out.contains("""
                  rung  end step  entering  kept
                  0         2250         9     3
                  1         4500         3     1
                  2         9000         1     1
                """), out);
        assertFalse(out.contains("fine-"), out);
    }

    @Test
    void policyDefaultsComeFromTheConfiguration() {
        // eta 9 keeps floor(9 / 9) = 1 coarse trial at rung 0: 8 x 2250 + 9000 + 9000 (rung 1 alone) = 27000
        InProcessKnet.Run run = replay(SWEEP, "--stage", "coarse", "--set", "sweep.halving.eta=9");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("replay coarse: halving eta=9 rungs=3 min-budget=0.5 -> steps 27000 of 81000 "
                + "(saved 66.7%); winner coarse-008 kept"), run.out());
        InProcessKnet.Run two = replay(SWEEP, "--stage", "coarse", "--set", "sweep.halving.rungs=4", "--rungs", "2");
        assertTrue(two.out().contains("halving eta=3 rungs=2 min-budget=0.5 ->"), two.out());
    }

    @Test
    void badOptionValuesAreUserErrors() {
        assertUserError("knet: --eta must be a number above 1, not '1'", replay(SWEEP, "--eta", "1"));
        assertUserError("knet: --eta must be a number above 1, not 'three'", replay(SWEEP, "--eta", "three"));
        assertUserError("knet: --rungs must be a whole number of at least 2, not '1'", replay(SWEEP, "--rungs", "1"));
        assertUserError("knet: --rungs must be a whole number of at least 2, not '2.5'", replay(SWEEP, "--rungs", "2.5"));
        assertUserError("knet: --min-budget must be a positive number of cycles, not '0'",
                replay(SWEEP, "--min-budget", "0"));
        assertUserError("knet: unknown --policy 'hyperband'; expected one of: halving",
                replay(SWEEP, "--policy", "hyperband"));
        assertUserError("knet: --stage must be coarse, fine, grid, extend or all, not 'final' (the final stage is a "
                + "single retrain: nothing to stop)", replay(SWEEP, "--stage", "final"));
        assertUserError("knet: sweep replay-sweep has no trials of stage grid; its stages: coarse (10), fine (3), "
                + "final (1)", replay(SWEEP, "--stage", "grid"));
        InProcessKnet.Run budget = replay(SWEEP, "--min-budget", "2");
        assertEquals(2, budget.status());
        assertTrue(budget.err().startsWith("knet: cannot replay coarse-000 (2 cycles, 9000 steps, 450 per epoch): "
                + "invalid value for knet.sweep.halving.min-budget: 2.0"), budget.err());
        InProcessKnet.Run unknown = replay(SWEEP, "--limit", "3");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("knet: unknown option --limit for replay"), unknown.err());
        assertUserError("knet: no sweep id given; usage: knet replay SWEEP_ID [--policy P] [--eta N] [--rungs N] "
                + "[--min-budget C] [--stage S] [--results PATH]", replay());
    }

    @Test
    void anUnknownSweepIdNamesTheIdTheRootAndTheStoredSweeps() {
        InProcessKnet.Run run = replay("no-such-sweep");
        assertEquals(2, run.status());
        String err = run.err();
        assertTrue(err.startsWith("knet: no trials of sweep 'no-such-sweep' under the results root file:"), err);
        assertTrue(err.contains(root.toString()), err);
        assertTrue(err.contains("; sweeps there: failed-sweep, other-sweep, replay-sweep;"), err);
        InProcessKnet.Run missing = knet(List.of("replay", "x", "--results", root.resolve("nope").toString()));
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("(which does not exist)"), missing.err());
    }

    @Test
    void aSweepWithoutACompletedSearchTrialHasNothingToReplay() {
        InProcessKnet.Run run = replay("failed-sweep");
        assertUserError("knet: sweep failed-sweep has no trial that completed with its full epoch curve in stages "
                + "coarse; nothing to replay", run);
        assertTrue(run.out().contains("stage coarse: nothing to replay (no trial completed with its full curve)"),
                run.out());
        assertUserError("knet: no trial of stage coarse can be replayed: coarse-000 has status FAILED",
                replay("failed-sweep", "--stage", "coarse"));
    }

    @Test
    void escapedSweepIdsAreListedAsStored() {
        assertEquals("grid:b/1", ResultLayout.unescape("grid%3Ab%2F1"));
        assertEquals("50%", ResultLayout.unescape("50%"));
    }

    private static void assertUserError(String message, InProcessKnet.Run run) {
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(message + "\n", run.err());
    }

    /** The printed table line of a trial. */
    private static String line(String out, String trialId) {
        return out.lines().filter(l -> l.startsWith("  " + trialId + " ")).findFirst().orElse("<no line>");
    }
}
