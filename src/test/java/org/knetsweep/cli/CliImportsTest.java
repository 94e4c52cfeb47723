package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' direction, read from the main sources: the command line gets its Spark work through the
 * {@code spark} package's small API and names no Spark, Hadoop or Scala type itself; and no package below the
 * command line uses it.
 */
class CliImportsTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "knetsweep");

    /** A name of Spark, Hadoop or Scala, imported or written out in the code. */
    private static final Pattern ENGINE = Pattern.compile("(?<![\\w.])(org\\.apache\\.(spark|hadoop)|scala)\\.\\w");
    /** A name of the command line's package, imported or written out in the code. */
    private static final Pattern CLI = Pattern.compile("(?<![\\w.])org\\.knetsweep\\.cli\\b");

    @Test
    void noCommandLineClassNamesSparkHadoopOrScala() throws IOException {
        List<Path> files = javaFiles(MAIN.resolve("cli"));
        assertTrue(files.stream().anyMatch(f -> f.endsWith("Main.java")), "no cli sources under " + MAIN);
        assertEquals(List.of(), uses(files, ENGINE));
    }

    @Test
    void noPackageButTheCommandLineUsesIt() throws IOException {
        List<Path> files = javaFiles(MAIN).stream().filter(f -> !f.startsWith(MAIN.resolve("cli"))).toList();
        assertTrue(files.stream().anyMatch(f -> f.startsWith(MAIN.resolve("spark"))), "no spark sources under " + MAIN);
        assertEquals(List.of(), uses(files, CLI));
    }

    /** The lines that match {@code name} (in code, a string or a comment alike), as FILE:LINE: TEXT. */
    private static List<String> uses(List<Path> files, Pattern name) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (name.matcher(lines.get(i)).find())
                    found.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        return found;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
