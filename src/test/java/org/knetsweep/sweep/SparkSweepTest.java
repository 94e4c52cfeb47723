package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.cli.InProcessKnet;
import org.knetsweep.cli.InProcessKnet.Run;

/** The sweep command on Spark local[2], then the query command on its tables, as a user runs them. */
@Tag("spark")
class SparkSweepTest {
    @TempDir
    Path dir;

    static Run knet(List<String> args) {
        return InProcessKnet.knet(args);
    }

    static List<String> sweepArgs(Path data, Path results, String id, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", "--master", "local[2]", "--sweep-id", id));
        for (String s : SyntheticData.tinySweep(data, results, extra)) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    @Test
    void sweepWritesAllThreeTablesAndTheQueryCommandReadsThem() throws Exception {
        Path data = SyntheticData.write(dir.resolve("in"), 100);
        Path results = dir.resolve("tables");
        Run sweep = knet(sweepArgs(data, results, "spark-1", "knet.sweep.fail-trials=[\"coarse-002\"]"));
        assertEquals(0, sweep.status(), sweep.out() + sweep.err());
        assertTrue(sweep.out().contains("[coarse] 4/4 done"), sweep.out());
        assertTrue(sweep.out().contains("efficiency"), sweep.out());
        assertTrue(sweep.out().contains("test_accuracy="), sweep.out());
        // knet.sweep.final.replicas = auto on local[2]: two final seeds in one stage, summarized
        assertTrue(sweep.out().contains("[final] 2 networks (knet.sweep.final.replicas = auto)"), sweep.out());
        assertTrue(sweep.out().contains("final test_accuracy over 2 seeds: mean "), sweep.out());

        Run counts = knet(List.of("query", "SELECT stage, count(*) AS n, sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END)"
                + " AS failed FROM trials WHERE sweep_id = 'spark-1' GROUP BY stage ORDER BY stage",
                "--results", results.toString(), "--format", "csv"));
        assertEquals(0, counts.status(), counts.err());
        assertEquals(List.of("stage,n,failed", "coarse,4,1", "final,2,0", "fine,3,0"), counts.out().lines().toList());

        Run epochs = knet(List.of("query", "SELECT count(DISTINCT e.trial_id) AS trials, sum(t.epochs) / count(*) "
                + "* count(DISTINCT e.trial_id) AS x, count(*) AS rows FROM epochs e JOIN trials t "
                + "ON e.sweep_id = t.sweep_id AND e.trial_id = t.trial_id", "--results", results.toString(),
                "--format", "json"));
        assertEquals(0, epochs.status(), epochs.err());
        assertTrue(epochs.out().contains("\"trials\":8"), epochs.out()); // the failed trial has no epochs

        Run sweeps = knet(List.of("query", "SELECT status, best_trial_id, test_accuracy FROM sweeps",
                "--results", results.toString(), "--format", "csv"));
        assertTrue(sweeps.out().lines().skip(1).findFirst().orElse("").startsWith("COMPLETE,"), sweeps.out());

        // a rerun of the same sweep id trains nothing and leaves one row per trial
        Run again = knet(sweepArgs(data, results, "spark-1", "knet.sweep.fail-trials=[\"coarse-002\"]"));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("[coarse] 4 of 4 trials already stored"), again.out());
        Run total = knet(List.of("query", "SELECT count(*) AS n, count(DISTINCT trial_id) AS d FROM trials",
                "--results", results.toString(), "--format", "csv"));
        assertEquals(List.of("n,d", "9,9"), total.out().lines().toList());
        try (Stream<Path> files = Files.walk(results)) {
            assertTrue(files.noneMatch(p -> p.toString().contains("_staging") && Files.isRegularFile(p)));
        }
        assertFalse(Files.exists(results.resolve("_staging")), "a completed sweep leaves no staging folder");
    }

    @Test
    void aSecondDriverOfARunningSweepIsRefused() {
        Path data = SyntheticData.write(dir.resolve("in4"), 100);
        Path results = dir.resolve("t4");
        try (var held = org.knetsweep.results.SweepLease.acquire(new org.knetsweep.results.ResultStore(
                results.toString()), "busy", java.time.Duration.ofSeconds(60), System.out)) {
            Run second = knet(sweepArgs(data, results, "busy"));
            assertEquals(2, second.status(), second.out() + second.err());
            assertEquals(1, second.err().lines().count(), second.err());
            assertTrue(second.err().startsWith("knet: sweep busy is already being run by another driver (host "),
                    second.err());
            assertTrue(second.err().contains("process " + ProcessHandle.current().pid()), second.err());
        }
        try (Stream<Path> files = Files.walk(results)) {
            assertTrue(files.noneMatch(p -> p.toString().contains("trials")), "the refused driver trained nothing");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aQueryOnAnotherRootDoesNotSeeTheViewsOfAnEarlierQuery() {
        Path data = SyntheticData.write(dir.resolve("in2"), 100);
        Path results = dir.resolve("t2");
        assertEquals(0, knet(sweepArgs(data, results, "v", "knet.sweep.fine.trials=0", "knet.sweep.final.enabled=false"))
                .status());
        assertEquals(0, knet(List.of("query", "SELECT count(*) FROM trials", "--results", results.toString())).status());
        Run empty = knet(List.of("query", "SELECT count(*) FROM trials", "--results", dir.resolve("none").toString()));
        assertEquals(2, empty.status(), empty.out());
        assertEquals(1, empty.err().lines().count(), empty.err());
    }

    @Test
    void anExperimentRunsItsGridAsASweep() throws Exception {
        Path data = SyntheticData.write(dir.resolve("in3"), 100);
        Path results = dir.resolve("t3");
        Path experiments = Files.createDirectories(dir.resolve("experiments"));
        Files.writeString(experiments.resolve("tiny-grid.conf"),
                "knet.sweep { name = tiny-grid, mode = grid, grid { batch-norm = [true, false] } }\n");
        List<String> args = new ArrayList<>(List.of("experiment", "tiny-grid", "--experiments", experiments.toString(),
                "--no-report", "--master", "local[2]"));
        for (String s : SyntheticData.tinySweep(data, results)) {
            args.add("--set");
            args.add(s);
        }
        Run run = knet(args);
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s*tiny-grid\\s+ok\\s.*")), run.out());
        Run rows = knet(List.of("query", "SELECT stage, batch_norm FROM trials ORDER BY trial_id", "--results",
                results.toString(), "--format", "csv"));
        assertEquals(List.of("stage,batch_norm", "grid,true", "grid,false"), rows.out().lines().toList());
        Run unknown = knet(List.of("experiment", "nope", "--experiments", experiments.toString()));
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("tiny-grid"), unknown.err());
    }
}
