package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knetsweep.cli.InProcessKnet.Run;
import org.knetsweep.results.SparkTestSession;

/** {@code knet bench-score} on local[2], small: every figure printed, each job having scored and read every image. */
@Tag("spark")
class BenchScoreCommandTest {
    private static final List<String> FIGURES = List.of("gemm floor:", "Predictor:", "score:", "score (cpu):",
            "table only:", "score (wall):");

    @Test
    void printsEveryFigureOfASmallRun() {
        SparkTestSession.get();
        Run r = InProcessKnet.knet(List.of("bench-score", "--images", "700", "--runs", "1", "--master", "local[2]"));
        assertEquals(0, r.status(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("knet bench-score: 700 random images, network [50, 50]"), r.out());
        for (String figure : FIGURES) {
            String line = lines.stream().filter(l -> l.startsWith(figure)).findFirst().orElse("");
            Matcher m = Pattern.compile("^" + Pattern.quote(figure) + "\\s*([0-9.]+) images/s per core").matcher(line);
            assertTrue(m.find(), figure + " in\n" + r.out());
            assertTrue(Double.parseDouble(m.group(1)) > 0, line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("score/floor:")), r.out());
        assertTrue(r.out().contains("s of task CPU time for 700 images, median of 1 jobs"), r.out());
        assertTrue(r.out().contains(" s wall on 2 cores, median of 1 jobs"), r.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("peak RSS of this process: "), r.out());
    }
}
