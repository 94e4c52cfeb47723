package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.cli.InProcessKnet;
import org.knetsweep.cli.InProcessKnet.Run;

/**
 * TPE with asynchronous successive halving through {@code knet sweep} on Spark: one Spark job per trial, the same
 * {@code trials} rows (every column but timings, hosts and the configuration hash) on local[1] and local[2].
 */
@Tag("spark")
class AdaptiveSparkTest {
    @TempDir
    Path dir;

    static final String COLUMNS = "stage, trial_id, trial_index, log10_lambda, lambda, hidden, batch_norm, init, "
            + "init_sigma, seed, cycles, epochs, steps, status, error, val_accuracy, best_val_accuracy, val_cost, "
            + "val_loss, train_accuracy, train_cost, train_loss, test_accuracy, replica, rung, eta_min, eta_max, "
            + "step_size, batch_size";

    static Run sweep(Path data, Path results, String master) {
        List<String> args = new ArrayList<>(List.of("sweep", "--master", master, "--sweep-id", "adaptive"));
        List<String> sets = new ArrayList<>(List.of(AdaptiveSweepTest.SPACE));
        sets.addAll(List.of(AdaptiveSweepTest.ASHA));
        sets.addAll(List.of("knet.sweep.sampler=tpe", "knet.sweep.tpe.startup-trials=3"));
        for (String s : SyntheticData.tinySweep(data, results, sets.toArray(String[]::new))) {
            args.add("--set");
            args.add(s);
        }
        return InProcessKnet.knet(args);
    }

    static List<String> rows(Path results) {
        Run q = InProcessKnet.knet(List.of("query", "SELECT " + COLUMNS + " FROM trials ORDER BY trial_id",
                "--results", results.toString(), "--format", "csv"));
        assertEquals(0, q.status(), q.err());
        return q.out().lines().toList();
    }

    @Test
    void theSameRowsOnOneAndTwoSlots() {
        Path data = SyntheticData.write(dir.resolve("in"), 100);
        Run one = sweep(data, dir.resolve("one"), "local[1]");
        assertEquals(0, one.status(), one.out() + one.err());
        Run two = sweep(data, dir.resolve("two"), "local[2]");
        assertEquals(0, two.status(), two.out() + two.err());
        assertTrue(two.out().contains("asynchronous successive halving: 8 trials"), two.out());
        List<String> a = rows(dir.resolve("one"));
        assertTrue(a.size() > 9 && a.stream().anyMatch(r -> r.contains("STOPPED")), String.join("\n", a));
        assertEquals(a, rows(dir.resolve("two")));
    }
}
