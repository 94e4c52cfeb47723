package org.knetsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report as a list of blocks (headings, paragraphs, tables, figures, code), rendered both as Markdown and as one
 * self-contained HTML page (inline CSS, images by relative file name, no scripts or external resources).
 */
final class ReportDocument {
    /** One piece of the document. */
    sealed interface Block permits Heading, Paragraph, Facts, Stats, Table, Gallery, Code {
    }

    /** A heading of level 2 or 3 (level 1 is the title); {@code id} is its HTML anchor. */
    record Heading(int level, String text, String id) implements Block {
    }

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** Labelled values, e.g. the sweep's status and times: a list in Markdown, a two-column grid in HTML. */
    record Facts(List<Map.Entry<String, String>> entries) implements Block {
    }

    /** Headline numbers, repeated from the facts: a row of cards in HTML, left out of the Markdown. */
    record Stats(List<Map.Entry<String, String>> entries) implements Block {
    }

    /** A table; {@code numeric} columns are right-aligned. */
    record Table(List<String> header, List<Boolean> numeric, List<List<String>> rows) implements Block {
        Table {
            if (numeric.size() != header.size()) throw new IllegalArgumentException("numeric flags != columns");
            for (List<String> row : rows) {
                if (row.size() != header.size()) throw new IllegalArgumentException("row width != columns: " + row);
            }
        }
    }

    /** A figure file with its caption, nominal (CSS) size in pixels. */
    record Figure(String file, String caption, int width, int height) {
    }

    /** Figures shown full width ({@code small} false) or as a gallery of two per row. */
    record Gallery(List<Figure> figures, boolean small) implements Block {
    }

    /** Preformatted text, collapsed in HTML under {@code summary}. */
    record Code(String summary, String text) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    ReportDocument(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    ReportDocument add(Block block) {
        blocks.add(block);
        return this;
    }

    ReportDocument heading(int level, String text, String id) {
        return add(new Heading(level, text, id));
    }

    ReportDocument paragraph(String text) {
        return add(new Paragraph(text));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Markdown.

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(mdText(title)).append("\n\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                b.append("#".repeat(h.level())).append(' ').append(mdText(h.text())).append("\n\n");
            } else if (block instanceof Paragraph p) {
                b.append(mdText(p.text())).append("\n\n");
            } else if (block instanceof Facts f) {
                mdList(b, f.entries());
            } else if (block instanceof Stats) {
                continue; // the same numbers are among the facts; cards are an HTML nicety
            } else if (block instanceof Table t) {
                mdTable(b, t);
            } else if (block instanceof Gallery g) {
                for (Figure fig : g.figures()) {
                    b.append("![").append(mdText(fig.caption())).append("](").append(fig.file()).append(")\n\n");
                    b.append('*').append(mdText(fig.caption())).append("*\n\n");
                }
            } else if (block instanceof Code c) {
                b.append("<details><summary>").append(htmlText(c.summary())).append("</summary>\n\n```\n")
                        .append(c.text().replace("```", "'''").stripTrailing()).append("\n```\n\n</details>\n\n");
            }
        }
        return b.toString().stripTrailing() + "\n";
    }

    private static void mdList(StringBuilder b, List<Map.Entry<String, String>> entries) {
        for (Map.Entry<String, String> e : entries) {
            b.append("- **").append(mdText(e.getKey())).append("**: ").append(mdCell(e.getValue())).append('\n');
        }
        b.append('\n');
    }

    private static void mdTable(StringBuilder b, Table t) {
        b.append('|');
        for (String h : t.header()) b.append(' ').append(mdCell(h)).append(" |");
        b.append("\n|");
        for (boolean numeric : t.numeric()) b.append(numeric ? "---:|" : "---|");
        b.append('\n');
        for (List<String> row : t.rows()) {
            b.append('|');
            for (String cell : row) b.append(' ').append(mdCell(cell)).append(" |");
            b.append('\n');
        }
        b.append('\n');
    }

    /** Text with Markdown's inline specials escaped (backslash, code, emphasis, HTML and table characters). */
    static String mdText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if ("\\`*_<>|".indexOf(c) >= 0) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    private static String mdCell(String s) {
        return mdText(s.replaceAll("\\s*\\R\\s*", " "));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTML.

    private static final String CSS = """
            :root { color-scheme: light; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f6f7f9; color: #1f2328;
                   font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 48px; background: #fff;
                   min-height: 100vh; box-shadow: 0 0 0 1px #e4e7eb; }
            h1 { font-size: 26px; margin: 0 0 6px; }
            h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #e4e7eb; }
            h3 { font-size: 16px; margin: 24px 0 8px; }
            p { margin: 8px 0; max-width: 80ch; }
            nav { font-size: 14px; margin: 4px 0 18px; }
            nav a { color: #0b5cad; text-decoration: none; margin-right: 14px; white-space: nowrap; }
            nav a:hover { text-decoration: underline; }
            .table-wrap { overflow-x: auto; margin: 10px 0 18px; }
            table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
            th, td { padding: 4px 8px; border-bottom: 1px solid #e4e7eb; text-align: left; white-space: nowrap; }
            th { background: #f3f4f6; font-weight: 600; position: sticky; top: 0; }
            td.num, th.num { text-align: right; }
            tbody tr:nth-child(even) { background: #fafbfc; }
            tbody tr:hover { background: #eef4fb; }
            figure { margin: 14px 0 22px; }
            figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e4e7eb; border-radius: 4px; }
            figcaption { font-size: 13px; color: #57606a; margin-top: 6px; }
            .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 10px 22px; }
            .gallery figure { margin: 6px 0; }
            details { margin: 10px 0; }
            summary { cursor: pointer; color: #0b5cad; }
            pre { background: #f6f8fa; border: 1px solid #e4e7eb; border-radius: 4px; padding: 10px 12px;
                  font-size: 12.5px; overflow-x: auto; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 20px; margin: 12px 0;
                       font-size: 14px; }
            dl.facts dt { color: #57606a; }
            dl.facts dd { margin: 0; overflow-wrap: anywhere; }
            .stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 8px; }
            .stat { flex: 1 1 160px; border: 1px solid #e4e7eb; border-radius: 6px; padding: 10px 14px;
                    background: #fafbfc; }
            .stat .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .stat .label { font-size: 12.5px; color: #57606a; }
            footer { margin-top: 40px; font-size: 12px; color: #8c959f; }
            """;

    String html(String footer) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(htmlText(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>").append(htmlText(title)).append("</h1>\n");
        List<Heading> sections = blocks.stream().filter(x -> x instanceof Heading h && h.level() == 2)
                .map(Heading.class::cast).toList();
        if (sections.size() > 1) {
            b.append("<nav>");
            for (Heading h : sections) {
                b.append("<a href=\"#").append(attr(h.id())).append("\">").append(htmlText(h.text())).append("</a>");
            }
            b.append("</nav>\n");
        }
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                b.append("<h").append(h.level()).append(" id=\"").append(attr(h.id())).append("\">")
                        .append(htmlText(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (block instanceof Paragraph p) {
                b.append("<p>").append(htmlText(p.text())).append("</p>\n");
            } else if (block instanceof Facts f) {
                b.append("<dl class=\"facts\">\n");
                for (Map.Entry<String, String> e : f.entries()) {
                    b.append("<dt>").append(htmlText(e.getKey())).append("</dt><dd>").append(htmlText(e.getValue()))
                            .append("</dd>\n");
                }
                b.append("</dl>\n");
            } else if (block instanceof Stats st) {
                b.append("<div class=\"stats\">\n");
                for (Map.Entry<String, String> e : st.entries()) {
                    b.append("<div class=\"stat\"><div class=\"value\">").append(htmlText(e.getValue()))
                            .append("</div><div class=\"label\">").append(htmlText(e.getKey())).append("</div></div>\n");
                }
                b.append("</div>\n");
            } else if (block instanceof Table t) {
                htmlTable(b, t);
            } else if (block instanceof Gallery g) {
                if (g.small()) b.append("<div class=\"gallery\">\n");
                for (Figure fig : g.figures()) htmlFigure(b, fig);
                if (g.small()) b.append("</div>\n");
            } else if (block instanceof Code c) {
                b.append("<details><summary>").append(htmlText(c.summary())).append("</summary><pre>")
                        .append(htmlText(c.text().stripTrailing())).append("</pre></details>\n");
            }
        }
        if (footer != null && !footer.isBlank()) b.append("<footer>").append(htmlText(footer)).append("</footer>\n");
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void htmlTable(StringBuilder b, Table t) {
        b.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        for (int i = 0; i < t.header().size(); i++) {
            b.append(t.numeric().get(i) ? "<th class=\"num\">" : "<th>").append(htmlText(t.header().get(i)))
                    .append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(t.numeric().get(i) ? "<td class=\"num\">" : "<td>").append(htmlText(row.get(i)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
    }

    private static void htmlFigure(StringBuilder b, Figure fig) {
        b.append("<figure><img src=\"").append(attr(fig.file())).append("\" width=\"").append(fig.width())
                .append("\" height=\"").append(fig.height()).append("\" alt=\"").append(attr(fig.caption()))
                .append("\" loading=\"lazy\"><figcaption>").append(htmlText(fig.caption()))
                .append("</figcaption></figure>\n");
    }

    static String htmlText(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String attr(String s) {
        return htmlText(s).replace("\"", "&quot;").replace("'", "&#39;");
    }
}
