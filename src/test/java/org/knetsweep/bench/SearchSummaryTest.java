package org.knetsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSummaryTest {
    /** A run of full-budget trials of 100 steps each, one second apart, with these validation accuracies. */
    static SearchBenchmark.Run run(String method, long seed, double... vals) {
        return picked(method, seed, Double.NaN, vals);
    }

    /** The same, with the test accuracy of its pick. */
    static SearchBenchmark.Run picked(String method, long seed, double pickTest, double... vals) {
        int n = vals.length;
        int[] trials = new int[n];
        long[] steps = new long[n];
        double[] wall = new double[n];
        double[] best = new double[n];
        double top = Double.NaN;
        for (int i = 0; i < n; i++) {
            trials[i] = i + 1;
            steps[i] = 100L * (i + 1);
            wall[i] = i + 1;
            if (Double.isFinite(vals[i]) && !(vals[i] <= top)) top = vals[i];
            best[i] = top;
        }
        return new SearchBenchmark.Run(new SearchBenchmark.Method(method, method, List.of()), seed,
                method + "-s" + seed, new SearchCurve(trials, steps, wall, vals.clone(), best), pickTest);
    }

    @Test
    void theTargetIsTheBaselinesMedianBestOfNFromItsPooledTrials() {
        List<SearchBenchmark.Run> runs = new ArrayList<>();
        // three random runs of 2 trials: bests 0.9 (a lucky run), 0.4 and 0.3; pooled {0.1 .. 0.4, 0.9, 0.2}
        runs.add(run("random", 1, 0.1, 0.9));
        runs.add(run("random", 2, 0.4, 0.2));
        runs.add(run("random", 3, 0.3, Double.NaN));
        runs.add(run("tpe", 1, 0.35, 0.5));
        runs.add(run("tpe", 2, 0.2, 0.3));
        runs.add(run("tpe", 3, 0.5, 0.1));
        SearchSummary s = SearchSummary.of(runs, "random", List.of(1, 2), 2);
        // pool of 6 sorted: -inf, 0.1, 0.2, 0.3, 0.4, 0.9; best of 2 <= 0.3 with C(4,2)/C(6,2) = 6/15 < 0.5,
        // <= 0.4 with C(5,2)/C(6,2) = 10/15: the median is 0.4
        assertEquals(0.4, s.target());
        assertEquals(0.4, s.runsMedian());
        SearchSummary.Row tpe = s.rows().get(1);
        assertEquals("tpe", tpe.method());
        assertEquals(2, tpe.reached());
        // seed 1 reaches 0.4 at its second trial, seed 3 at its first, seed 2 never: median 2 trials, 200 steps
        assertEquals(2, tpe.trialsToTarget().median());
        assertEquals(200, tpe.stepsToTarget().median());

        // the pool can say more than the runs' bests: here one run found two good values, so a run of two trials
        // usually finds 0.7 or better (C(4,2)/C(6,2) = 0.4 of the pairs stay at or below 0.4), though the middle run's
        // best is 0.4
        SearchSummary lucky = SearchSummary.of(List.of(run("random", 1, 0.4, 0.3), run("random", 2, 0.9, 0.7),
                run("random", 3, 0.1, 0.2), run("tpe", 1, 0.5, 0.8), run("tpe", 2, 0.1, 0.6)), "random",
                List.of(1, 2), 2);
        assertEquals(0.4, lucky.runsMedian());
        assertEquals(0.7, lucky.target());
        assertEquals(1, lucky.rows().get(1).reached());
        assertEquals(2, lucky.rows().get(1).reachedRunsMedian());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lucky.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 200);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("median best validation accuracy of 2 trials 0.7000"), text);
        assertTrue(text.contains("estimated from all 6 of its trials; the median of its 3 runs' bests is 0.4000"),
                text);
        // tpe reaches 0.4 at its first and second trials: median 1.5, printed without decimals
        assertTrue(text.contains("to reach 0.4000        2 of 2 runs; trials 2 [1, 2]"), text);
    }

    @Test
    void thePicksTestAccuracyIsSummarizedWhenTheRunsHaveOne() {
        List<SearchBenchmark.Run> runs = List.of(picked("random", 1, 0.51, 0.3, 0.6),
                picked("random", 2, 0.53, 0.5, 0.4), picked("random", 3, 0.49, 0.2, 0.1), run("tpe", 1, 0.7));
        SearchSummary s = SearchSummary.of(runs, "random", List.of(1), 2);
        assertEquals(new Quartiles(0.5, 0.51, 0.52, 3), s.rows().get(0).pickTest());
        assertEquals(0, s.rows().get(1).pickTest().n());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("test accuracy of the pick 0.5100 [0.5000, 0.5200] (its best configuration "
                + "retrained, mean of the networks; 3 runs)"), text);
        assertEquals(1, text.split("test accuracy of the pick", -1).length - 1, text);
    }

    @Test
    void withFewerPooledTrialsThanARunTheTargetIsTheMedianOfTheRunsBests() {
        List<SearchBenchmark.Run> runs = List.of(run("random", 1, 0.3, 0.6), run("tpe", 1, 0.7));
        SearchSummary s = SearchSummary.of(runs, "random", List.of(1), 4);
        assertEquals(0.6, s.target());
        assertEquals(1, s.rows().get(1).reached());
    }
}
