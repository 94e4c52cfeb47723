package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.knetsweep.cli.TextTable.Align.LEFT;
import static org.knetsweep.cli.TextTable.Align.RIGHT;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    private static TextTable sample() {
        return new TextTable(List.of("trial", "n"), List.of(LEFT, RIGHT))
                .row(List.of("coarse-001", "7"))
                .row(List.of("a", "1234"));
    }

    @Test
    void psqlHasALeftAlignedHeaderARuleAndRightAlignedNumbers() {
        assertEquals(List.of(
                " trial      | n",
                "------------+------",
                " coarse-001 |    7",
                " a          | 1234"), sample().lines(TextTable.Style.PSQL));
    }

    @Test
    void plainIndentsAlignsTheHeaderLikeItsColumnAndStripsTrailingBlanks() {
        assertEquals(List.of(
                "  trial          n",
                "  coarse-001     7",
                "  a           1234"), sample().lines(TextTable.Style.PLAIN));
        TextTable noHeader = new TextTable(List.of(), List.of(LEFT, LEFT)).row(List.of("x", "")).row(List.of("yy", "z"));
        assertEquals(List.of("  x", "  yy  z"), noHeader.lines(TextTable.Style.PLAIN));
    }

    @Test
    void streamedRowsUseTheMinimumWidths() {
        TextTable.Style oneSpace = new TextTable.Style("", " ", false, true);
        TextTable t = new TextTable(List.of("network", "ms"), List.of(LEFT, RIGHT)).withMinWidths(10, 6);
        assertEquals(List.of("network        ms"), t.headerLines(oneSpace));
        assertEquals("3-layer     1.500", t.line(oneSpace, List.of("3-layer", "1.500")));
        assertEquals(String.format("%-10s %6s", "network", "ms"), t.headerLines(oneSpace).get(0));
    }

    @Test
    void rowsOfTheWrongLengthAreRejected() {
        TextTable t = new TextTable(List.of("a", "b"), List.of(LEFT, RIGHT));
        assertThrows(IllegalArgumentException.class, () -> t.row(List.of("only one")));
        assertThrows(IllegalArgumentException.class, () -> new TextTable(List.of("a"), List.of(LEFT, RIGHT)));
    }
}
