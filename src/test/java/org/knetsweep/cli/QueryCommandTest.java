package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.results.ResultFixtures;
import org.knetsweep.results.SparkTestSession;

/** {@code knet query} through Main, on tables written by ResultStore, with the shared local Spark session. */
@Tag("spark")
class QueryCommandTest {
    @TempDir
    static Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeAll
    static void writeTables() {
        SparkTestSession.get(); // the command reuses the active session
        ResultFixtures.writeTwoSweeps(dir);
    }

    private int run(String... args) {
        SparkTestSession.get();
        return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> outLines() {
        return out().lines().toList();
    }

    @Test
    void csvCount() {
        int status = run("query", "SELECT count(*) AS n FROM trials", "--results", dir.toString(), "--format", "csv");
        assertEquals(0, status, err());
        assertEquals(List.of("n", "6"), outLines());
    }

    @Test
    void csvQuotesFieldsAndLeavesNullsEmpty() {
        int status = run("query", "SELECT trial_id, error, hidden, test_accuracy FROM trials WHERE sweep_id = 'grid:b/1' "
                + "ORDER BY trial_index", "--results", dir.toString(), "--format", "csv");
        assertEquals(0, status, err());
        String text = out();
        assertTrue(text.startsWith("trial_id,error,hidden,test_accuracy\ncoarse-000,,\"[50, 30]\",\ncoarse-001,,"), text);
        assertTrue(text.contains("coarse-002,\"java.lang.IllegalStateException: boom\n\tat a.b.C(C.java:1)\",[50],\n"),
                text);
    }

    @Test
    void jsonOneObjectPerLine() {
        int status = run("query", "SELECT trial_id, trial_index, hidden, test_accuracy FROM trials "
                + "WHERE sweep_id = 'sweep-a' ORDER BY stage, trial_index", "--results", dir.toString(), "--format", "json");
        assertEquals(0, status, err());
        assertEquals(List.of("{\"trial_id\":\"coarse-000\",\"trial_index\":0,\"hidden\":[50,30]}",
                "{\"trial_id\":\"coarse-001\",\"trial_index\":1,\"hidden\":[50,30]}",
                "{\"trial_id\":\"fine-000\",\"trial_index\":0,\"hidden\":[50,30]}"), outLines());
    }

    @Test
    void tableIsAlignedWithHeaderAndRowCount() {
        int status = run("query", "SELECT sweep_id, count(*) AS trials, max(best_trial_id) AS best FROM trials t "
                + "LEFT JOIN sweeps s USING (sweep_id) GROUP BY sweep_id ORDER BY sweep_id", "--results", dir.toString());
        assertEquals(0, status, err());
        assertEquals(List.of(
                " sweep_id | trials | best",
                "----------+--------+----------",
                " grid:b/1 |      3 | NULL",
                " sweep-a  |      3 | fine-001",
                "(2 rows)"), outLines());
    }

    @Test
    void limitCutsTheOutputAndSaysSo() {
        int status = run("query", "SELECT epoch FROM epochs ORDER BY epoch", "--results", dir.toString(), "--limit", "2");
        assertEquals(0, status, err());
        assertEquals(List.of(" epoch", "-------", "     1", "     1", "(2 rows; more not shown, see --limit)"),
                outLines());
        outBytes.reset();
        assertEquals(0, run("query", "SELECT 1 AS one", "--results", dir.toString(), "--limit", "0"));
        assertEquals(List.of(" one", "-----", "   1", "(1 row)"), outLines());
    }

    @Test
    void badQueryExitsTwoWithOneLine() {
        int status = run("query", "SELECT nope FROM trials", "--results", dir.toString());
        assertEquals(2, status);
        assertEquals("", out());
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("knet: query failed: "), err());
        assertTrue(lines.get(0).contains("nope"), err());
    }

    @Test
    void syntaxErrorExitsTwoWithOneLine() {
        int status = run("query", "SELEC trial_id FROM trials", "--results", dir.toString());
        assertEquals(2, status);
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("knet: query failed: ") && lines.get(0).contains("SELEC"), err());
    }

    @Test
    void noQueryMissingRootAndBadOptionsAreUserErrors() {
        assertEquals(2, run("query", "--results", dir.toString()));
        assertTrue(err().contains("no query given; usage: knet query \"SELECT ...\""), err());
        errBytes.reset();
        String missing = dir.resolve("missing").toString();
        assertEquals(2, run("query", "SELECT 1", "--results", missing));
        assertTrue(err().contains("results root " + missing + " ") && err().contains("does not exist"), err());
        errBytes.reset();
        assertEquals(2, run("query", "SELECT 1", "--results", dir.toString(), "--format", "xml"));
        assertTrue(err().contains("--format must be table, csv or json"), err());
        errBytes.reset();
        assertEquals(2, run("query", "SELECT 1", "--results", dir.toString(), "--limit", "-1"));
        assertTrue(err().contains("--limit -1: expected a non-negative integer"), err());
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("query", "--help"));
        assertTrue(out().contains("--format F") && out().contains("--limit N"), out());
    }
}
