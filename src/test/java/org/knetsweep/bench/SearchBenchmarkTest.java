package org.knetsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;

class SearchBenchmarkTest {
    @Test
    void everyMethodRunsForEachSeedUnderItsOwnSweepIdAndKeepsItsPick() {
        List<String> ids = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<SearchBenchmark.Run> runs = SearchBenchmark.run(SearchBenchmark.methods(List.of("random", "tpe+asha"),
                        8, 1), List.of(1L, 2L), "-pick3", (sets, seed, id) -> {
                    ids.add(id);
                    SearchCurve c = SearchSummaryTest.run("x", seed, 0.4 + seed / 100.0).curve();
                    return new SearchBenchmark.SweepOutcome(c, id.startsWith("bench-random") ? 0.45 : Double.NaN);
                }, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(List.of("bench-random-s1-pick3", "bench-tpe-asha-s1-pick3", "bench-random-s2-pick3",
                "bench-tpe-asha-s2-pick3"), ids);
        assertEquals(0.45, runs.get(0).pickTest());
        assertTrue(Double.isNaN(runs.get(1).pickTest()));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("bench-search: random        seed 1: best 0.4100 after 1 trials, 100 steps, 1 s; "
                + "its pick's test accuracy 0.4500"), text);
        assertTrue(text.contains("bench-search: tpe+asha      seed 2: best 0.4200 after 1 trials, 100 steps, 1 s\n"),
                text);
    }

    @Test
    void thePickCheckIsTheFinalStageAtTheTrialsOwnBudget() {
        assertEquals(List.of("knet.sweep.final.enabled=true", "knet.sweep.final.replicas=4",
                "knet.sweep.final.cycles=1"), SearchBenchmark.pickCheck(4, 1));
    }

    @Test
    void anUnknownMethodIsNamedWithTheKnownOnes() {
        KnetException e = assertThrows(KnetException.class,
                () -> SearchBenchmark.methods(List.of("tpe", "bayes"), 8, 1));
        assertTrue(e.getMessage().startsWith("unknown method 'bayes' for --methods (expected some of random, sobol"),
                e.getMessage());
    }
}
