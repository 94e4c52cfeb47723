package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.results.ResultFixtures;
import org.knetsweep.results.SparkTestSession;

/**
 * What a user sees on the console when Spark starts, in a fresh JVM each: a configuration Spark refuses is one line
 * and exit 2, and {@code knet query} prints its result and nothing else.
 */
@Tag("spark")
class SparkStartTest {
    @TempDir
    Path dir;

    @Test
    void aMasterUrlSparkCannotParseIsAUserError() throws Exception {
        var r = KnetProcess.run(dir, List.of(), Map.of(),
                List.of("query", "SELECT 1", "--results", dir.toString(), "--master", "bogus://x"));
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of("knet: Spark did not start with spark.master=bogus://x: Could not parse Master URL: "
                + "'bogus://x'"), r.err().lines().toList());
        assertEquals("", r.out());
    }

    @Test
    void authenticationWithoutASecretIsAUserError() throws Exception {
        var r = KnetProcess.run(dir, List.of("-Dspark.authenticate=true"), Map.of(),
                List.of("query", "SELECT 1", "--results", dir.toString(), "--master", "spark://127.0.0.1:1"));
        assertEquals(2, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("knet: Spark did not start with spark.master=spark://127.0.0.1:1: ")
                && lines.get(0).contains("spark.authenticate.secret"), lines.get(0));
    }

    @Test
    void aQueryPrintsOnlyItsResult() throws Exception {
        SparkTestSession.get();
        ResultFixtures.writeTwoSweeps(dir.resolve("tables"));
        var r = KnetProcess.run(dir, List.of(), Map.of(), List.of("query", "SELECT count(*) AS n FROM trials",
                "--results", dir.resolve("tables").toString(), "--format", "csv"));
        assertEquals(0, r.status(), r.err());
        assertEquals("n\n6\n", r.out());
        assertEquals("", r.err());
    }
}
