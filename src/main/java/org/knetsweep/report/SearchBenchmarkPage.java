package org.knetsweep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.knetsweep.bench.Quartiles;
import org.knetsweep.bench.SearchBenchmark;
import org.knetsweep.bench.SearchCurve;
import org.knetsweep.bench.SearchSummary;
import org.knetsweep.io.AtomicFile;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The page of {@code knet bench-search}: best validation accuracy against trials, training steps and wall time
 * (median across seeds, solid, with the quartiles dashed) per method, as PNGs, and the summary table, in
 * {@code bench-search.md} and {@code bench-search.html}.
 */
public final class SearchBenchmarkPage {
    private SearchBenchmarkPage() {
    }

    /** Writes the figures and the page into {@code dir}; returns the HTML page. */
    public static Path write(Path dir, List<SearchBenchmark.Run> runs, SearchSummary summary, String setup)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, List<SearchCurve>> by = new LinkedHashMap<>();
        for (SearchBenchmark.Run r : runs) by.computeIfAbsent(r.method().name(), k -> new ArrayList<>()).add(r.curve());
        int maxTrials = runs.stream().mapToInt(r -> last(r.curve().trials())).max().orElse(1);
        long maxSteps = runs.stream().mapToLong(r -> r.curve().totalSteps()).max().orElse(1);
        double maxWall = runs.stream().mapToDouble(r -> SearchBenchmarkPage.maxOf(r.curve().wallS())).max().orElse(1);
        AtomicFile.write(dir.resolve("bench-search-trials.png"), Figures.png(chart("best validation accuracy "
                + "against trials started", "trials", by, maxTrials, (c, x) -> c.bestAfterTrials((int) Math.round(x)),
                summary.target(), true)));
        AtomicFile.write(dir.resolve("bench-search-steps.png"), Figures.png(chart("best validation accuracy "
                + "against training steps", "training steps", by, maxSteps, (c, x) -> c.bestAfterSteps(x.longValue()),
                summary.target(), false)));
        AtomicFile.write(dir.resolve("bench-search-wall.png"), Figures.png(chart("best validation accuracy "
                + "against wall time", "seconds", by, maxWall, SearchCurve::bestAfterSeconds, summary.target(),
                false)));
        StringBuilder md = new StringBuilder("# knet bench-search\n\n").append(setup).append("\n\n");
        md.append(String.format(Locale.ROOT, "Target: random search's median best validation accuracy of a run, "
                + "%.4f, estimated from all its trials pooled (the median of its runs' bests: %.4f).%n%n",
                summary.target(), summary.runsMedian()));
        boolean picks = summary.rows().stream().anyMatch(r -> r.pickTest().n() > 0);
        md.append("| method | best after ").append(String.join(" | best after ", summary.rows().get(0).bestAfter()
                .keySet().stream().map(String::valueOf).toList())).append(" trials | steps | wall s | reached "
                + "| trials to target | steps to target |" + (picks ? " pick's test accuracy |" : "") + "\n|");
        md.append("---|".repeat(6 + summary.rows().get(0).bestAfter().size() + (picks ? 1 : 0))).append('\n');
        for (SearchSummary.Row r : summary.rows()) {
            md.append("| ").append(r.method());
            for (Quartiles q : r.bestAfter().values()) md.append(" | ").append(q.format(4));
            md.append(" | ").append(r.steps().format(0)).append(" | ").append(r.wallS().format(0)).append(" | ")
                    .append(r.reached()).append('/').append(r.runs()).append(" | ")
                    .append(cell(r.trialsToTarget())).append(" | ").append(cell(r.stepsToTarget())).append(" |");
            if (picks) md.append(' ').append(r.pickTest().format(4)).append(" |");
            md.append('\n');
        }
        md.append("\nMedian [first quartile, third quartile] across seeds.\n\n")
                .append("![trials](bench-search-trials.png)\n\n![steps](bench-search-steps.png)\n\n")
                .append("![wall](bench-search-wall.png)\n");
        AtomicFile.write(dir.resolve("bench-search.md"), md.toString().getBytes(StandardCharsets.UTF_8));
        Path html = dir.resolve("bench-search.html");
        AtomicFile.write(html, html(md.toString()).getBytes(StandardCharsets.UTF_8));
        return html;
    }

    /** The page as HTML: the markdown's paragraphs, its table and its figures. */
    static String html(String md) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>knet bench-search</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "img{max-width:100%}</style></head><body>\n");
        boolean header = true;
        for (String line : md.split("\n")) {
            if (line.startsWith("# ")) {
                b.append("<h1>").append(ReportDocument.htmlText(line.substring(2))).append("</h1>\n");
            } else if (line.startsWith("|---")) {
                header = false;
            } else if (line.startsWith("| ")) {
                if (header) b.append("<table>\n");
                String tag = header ? "th" : "td";
                b.append("<tr>");
                for (String cellText : line.substring(2, line.length() - 2).split(" \\| "))
                    b.append('<').append(tag).append('>').append(ReportDocument.htmlText(cellText)).append("</")
                            .append(tag).append('>');
                b.append("</tr>\n");
            } else if (line.startsWith("![")) {
                String src = line.substring(line.indexOf('(') + 1, line.length() - 1);
                b.append("<p><img src=\"").append(ReportDocument.htmlText(src)).append("\" alt=\"\"></p>\n");
            } else if (!line.isBlank()) {
                if (!header && !b.toString().endsWith("</table>\n") && b.toString().contains("<table>"))
                    b.append("</table>\n");
                b.append("<p>").append(ReportDocument.htmlText(line)).append("</p>\n");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    private static String cell(Quartiles q) {
        if (q.n() == 0) return "-";
        return Double.isInfinite(q.median()) ? "not reached" : String.format(Locale.ROOT, "%.0f [%s, %s]",
                q.median(), Double.isInfinite(q.q1()) ? "-" : String.format(Locale.ROOT, "%.0f", q.q1()),
                Double.isInfinite(q.q3()) ? "not reached" : String.format(Locale.ROOT, "%.0f", q.q3()));
    }

    private static XYChart chart(String title, String xTitle, Map<String, List<SearchCurve>> by, double xMax,
                                 BiFunction<SearchCurve, Double, Double> at, double target, boolean integers) {
        XYChart c = Figures.chart(Figures.WIDTH, Figures.HEIGHT, title, xTitle, "validation accuracy");
        c.getStyler().setYAxisDecimalPattern("0.000");
        int points = integers ? (int) xMax : 60;
        int colour = 0;
        for (Map.Entry<String, List<SearchCurve>> e : by.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> med = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (int i = 1; i <= points; i++) {
                double x = xMax * i / points;
                double[] v = e.getValue().stream().mapToDouble(curve -> at.apply(curve, x)).toArray();
                Quartiles q = Quartiles.of(v);
                if (q.n() * 2 <= v.length) continue;
                xs.add(x);
                med.add(q.median());
                lo.add(q.q1());
                hi.add(q.q3());
            }
            if (xs.isEmpty()) continue;
            java.awt.Color col = Figures.PALETTE[colour++ % Figures.PALETTE.length];
            style(c.addSeries(e.getKey(), xs, med), col, false);
            style(c.addSeries(e.getKey() + " q1", xs, lo), col, true).setShowInLegend(false);
            style(c.addSeries(e.getKey() + " q3", xs, hi), col, true).setShowInLegend(false);
        }
        if (Double.isFinite(target) && !c.getSeriesMap().isEmpty())
            style(c.addSeries("target", List.of(0.0, xMax), List.of(target, target)), Figures.INK, true);
        return c;
    }

    private static XYSeries style(XYSeries s, java.awt.Color colour, boolean dashed) {
        s.setLineColor(colour);
        s.setMarker(SeriesMarkers.NONE);
        if (dashed) s.setLineStyle(Figures.DASHED);
        return s;
    }

    private static int last(int[] v) {
        return v.length == 0 ? 0 : v[v.length - 1];
    }

    static double maxOf(double[] v) {
        double m = 0;
        for (double x : v) if (Double.isFinite(x) && x > m) m = x;
        return m;
    }
}
