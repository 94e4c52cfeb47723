package org.knetsweep.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for the terminal: columns as wide as their widest cell (or a given minimum), each aligned left or right,
 * trailing blanks stripped. The one printer of every command that prints tables (query, replay, bench, gradcheck,
 * experiments). A table whose rows come slowly (bench) prints its header, then each row as it comes, in columns of
 * fixed minimum widths ({@link #withMinWidths}).
 *
 * <pre>
 * PSQL:   " trial | val"        PLAIN: "  trial  val"
 *         "-------+-------"            "  a-001  0.51"
 *         " a-001 |  0.51"
 * </pre>
 */
final class TextTable {
    /** How a column's cells are aligned. */
    enum Align { LEFT, RIGHT }

    /**
     * A layout.
     *
     * @param indent        text before the first column
     * @param separator     text between columns
     * @param rule          a line of dashes under the header ({@code |} of the separator becomes {@code +})
     * @param alignedHeader the header aligned like its column (else always left-aligned)
     */
    record Style(String indent, String separator, boolean rule, boolean alignedHeader) {
        /** psql-like: a leading blank, " | " between columns, a rule, headers left-aligned. */
        static final Style PSQL = new Style(" ", " | ", true, false);
        /** Indented and separated by two spaces, no rule, headers aligned like their columns. */
        static final Style PLAIN = new Style("  ", "  ", false, true);
    }

    private final List<String> header;
    private final List<Align> align;
    private final List<List<String>> rows = new ArrayList<>();
    private int[] minWidth;

    /** A table with these column names (an empty list: no header line) and alignments, one per column. */
    TextTable(List<String> header, List<Align> align) {
        if (!header.isEmpty() && header.size() != align.size())
            throw new IllegalArgumentException(header.size() + " column names but " + align.size() + " alignments");
        this.header = List.copyOf(header);
        this.align = List.copyOf(align);
        this.minWidth = new int[align.size()];
    }

    /** Columns at least this wide, one width per column. */
    TextTable withMinWidths(int... widths) {
        if (widths.length != align.size())
            throw new IllegalArgumentException(widths.length + " widths for " + align.size() + " columns");
        minWidth = widths.clone();
        return this;
    }

    /** Adds a row of exactly one cell per column. */
    TextTable row(List<String> cells) {
        if (cells.size() != align.size())
            throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + align.size()
                    + " columns: " + cells);
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The table's lines in {@code style}. */
    List<String> lines(Style style) {
        int[] width = widths(rows);
        List<String> lines = new ArrayList<>(headerLines(style, width));
        for (List<String> row : rows) lines.add(line(style, row, width, true));
        return lines;
    }

    void print(PrintStream out, Style style) {
        lines(style).forEach(out::println);
    }

    /** The header (and rule) alone, in columns as wide as the header and the minimum widths: for streamed rows. */
    List<String> headerLines(Style style) {
        return headerLines(style, widths(List.of()));
    }

    /** One row in the columns of {@link #headerLines(Style)} (a longer cell widens its line only). */
    String line(Style style, List<String> cells) {
        return line(style, cells, widths(List.of()), true);
    }

    private int[] widths(List<List<String>> shown) {
        int n = align.size();
        int[] width = minWidth.clone();
        for (int i = 0; i < n && !header.isEmpty(); i++) width[i] = Math.max(width[i], header.get(i).length());
        for (List<String> row : shown) for (int i = 0; i < n; i++) width[i] = Math.max(width[i], row.get(i).length());
        return width;
    }

    private List<String> headerLines(Style style, int[] width) {
        if (header.isEmpty()) return List.of();
        if (!style.rule()) return List.of(line(style, header, width, style.alignedHeader()));
        return List.of(line(style, header, width, style.alignedHeader()), rule(style, width));
    }

    private String line(Style style, List<String> cells, int[] width, boolean aligned) {
        StringBuilder b = new StringBuilder(style.indent());
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(width[i] - cell.length());
            if (i > 0) b.append(style.separator());
            b.append(aligned && align.get(i) == Align.RIGHT ? pad + cell : cell + pad);
        }
        return b.toString().stripTrailing();
    }

    /** Dashes under the header: blanks of the indent and separators become dashes, bars become crosses. */
    private static String rule(Style style, int[] width) {
        StringBuilder b = new StringBuilder(style.indent());
        for (int i = 0; i < width.length; i++) {
            if (i > 0) b.append(style.separator());
            b.append("-".repeat(width[i]));
        }
        b.append(style.indent()); // psql extends the rule over the last column's padding
        return b.toString().replace(' ', '-').replace('|', '+');
    }
}
