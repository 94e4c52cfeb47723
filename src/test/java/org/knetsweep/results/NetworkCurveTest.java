package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkCurveTest {
    /** An epoch row: its rung (-1: none) and epoch. */
    private record R(int rung, int epoch) {
    }

    private static List<R> of(List<R> rows) {
        return NetworkCurve.of(rows, R::rung, R::epoch);
    }

    @Test
    void aTrialWithoutRungsOrWithRungsThatContinueKeepsEveryRow() {
        List<R> plain = List.of(new R(-1, 1), new R(-1, 2), new R(-1, 3));
        assertEquals(plain, of(plain));
        List<R> continued = List.of(new R(0, 1), new R(0, 2), new R(1, 3), new R(2, 4), new R(2, 5));
        assertEquals(continued, of(continued));
    }

    @Test
    void aRungThatStartsAgainAtEpochOneReplacesTheRungsBelowIt() {
        List<R> rows = List.of(new R(0, 1), new R(0, 2), new R(1, 3), new R(1, 4), new R(2, 1), new R(2, 2),
                new R(2, 3));
        assertEquals(List.of(new R(2, 1), new R(2, 2), new R(2, 3)), of(rows));
        // in any order, the rows kept stay in theirs
        assertEquals(List.of(new R(2, 3), new R(2, 1)), of(List.of(new R(2, 3), new R(0, 1), new R(2, 1))));
        assertEquals(List.of(), of(List.of()));
    }
}
