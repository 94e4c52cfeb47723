package org.knetsweep.dashboard;

import static org.knetsweep.dashboard.Html.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The two HTML pages. Every string from the tables goes through {@link Html#escape}; the pages carry no inline
 * script: {@code dashboard.js} reads the sweep id from the body's {@code data-sweep} attribute and fills the
 * charts and tables from the JSON endpoints, as text, never as markup.
 */
final class Pages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Pages() {
    }

    /** The start page: one row per sweep. */
    static String start(String root, List<SweepSummary> sweeps) {
        StringBuilder b = head("knet dashboard", "start", "");
        b.append("<header><h1>knet dashboard</h1><p class=\"root\">").append(escape(root)).append("</p></header>\n");
        b.append("<main><table id=\"sweeps\" class=\"grid\"><thead><tr>")
                .append("<th>sweep</th><th>name</th><th>status</th><th>trials done / planned</th>")
                .append("<th>best val accuracy</th><th>test accuracy [95% interval]</th><th>started</th>")
                .append("<th>wall time</th></tr></thead><tbody>\n");
        for (SweepSummary s : sweeps) {
            b.append("<tr><td><a href=\"/sweep/").append(escape(Html.segment(s.id()))).append("\">")
                    .append(escape(s.id())).append("</a></td><td>").append(escape(s.name())).append("</td><td class=\"status ")
                    .append(escape(s.status().toLowerCase(Locale.ROOT).replace(' ', '-'))).append("\">")
                    .append(escape(s.status())).append("</td><td>").append(doneOfPlanned(s)).append("</td><td>")
                    .append(accuracy(s.bestValAccuracy())).append("</td><td>").append(test(s)).append("</td><td>")
                    .append(time(s.startedAt())).append("</td><td>").append(duration(s.wallMs())).append("</td></tr>\n");
        }
        if (sweeps.isEmpty()) b.append("<tr><td colspan=\"8\">no sweeps under this root yet</td></tr>\n");
        b.append("</tbody></table></main>\n");
        return foot(b);
    }

    /** A sweep's page: the summary now, the rest filled by the script. */
    static String sweep(SweepSummary s) {
        StringBuilder b = head(s.name() + " · knet dashboard", "sweep", s.id());
        b.append("<header><p><a href=\"/\">all sweeps</a></p><h1>").append(escape(s.name())).append("</h1>")
                .append("<p class=\"id\">").append(escape(s.id())).append("</p></header>\n<main>\n");
        b.append("<section id=\"summary\"><dl>")
                .append("<dt>status</dt><dd id=\"status\">").append(escape(s.status())).append("</dd>")
                .append("<dt>trials done / planned</dt><dd id=\"done\">").append(doneOfPlanned(s)).append("</dd>")
                .append("<dt>best val accuracy</dt><dd id=\"best\">").append(accuracy(s.bestValAccuracy())).append("</dd>")
                .append("<dt>test accuracy [95% interval]</dt><dd id=\"test\">").append(test(s)).append("</dd>")
                .append("<dt>started</dt><dd id=\"started\">").append(time(s.startedAt())).append("</dd>")
                .append("<dt>wall time</dt><dd id=\"wall\">").append(duration(s.wallMs())).append("</dd>")
                .append("</dl><p id=\"links\"></p><p id=\"updated\" class=\"muted\"></p></section>\n");
        b.append("<section><h2>best validation accuracy so far</h2><div class=\"pair\">")
                .append("<div id=\"best-time\" class=\"chart\"></div><div id=\"best-steps\" class=\"chart\"></div></div></section>\n");
        b.append("<section><h2>parameters against validation accuracy</h2>")
                .append("<div id=\"params\" class=\"charts\"></div><div id=\"parallel\" class=\"chart wide hidden\"></div></section>\n");
        b.append("<section><h2>epoch curves of the picked trials</h2><p class=\"muted\">tick trials in the table "
                        + "(up to ").append(SweepData.MAX_CURVES).append(")</p>")
                .append("<div class=\"pair\"><div id=\"curves-acc\" class=\"chart\"></div><div id=\"curves-cost\" class=\"chart\"></div></div></section>\n");
        b.append("<section id=\"rungs-section\" class=\"hidden\"><h2>successive-halving rungs</h2>")
                .append("<div id=\"rungs\" class=\"chart wide\"></div></section>\n");
        b.append("<section id=\"candidates-section\" class=\"hidden\"><h2>replicated candidates and the final interval</h2>")
                .append("<div id=\"candidates\" class=\"chart wide\"></div><div id=\"candidates-table\"></div></section>\n");
        b.append("<section><h2>trials</h2><p class=\"muted\">click a heading to sort</p>")
                .append("<div id=\"trials\"></div></section>\n</main>\n");
        return foot(b);
    }

    static String notFound() {
        StringBuilder b = head("not found · knet dashboard", "error", "");
        b.append("<main><h1>404 not found</h1><p><a href=\"/\">all sweeps</a></p></main>\n");
        return foot(b);
    }

    static String doneOfPlanned(SweepSummary s) {
        return s.done() + (s.planned() >= 0 ? " / " + s.planned() : "");
    }

    static String accuracy(double a) {
        return Double.isNaN(a) ? "–" : String.format(Locale.ROOT, "%.4f", a);
    }

    static String test(SweepSummary s) {
        if (Double.isNaN(s.testAccuracy())) return "–";
        String t = accuracy(s.testAccuracy());
        if (!Double.isNaN(s.testLow()) && !Double.isNaN(s.testHigh()))
            t += " [" + accuracy(s.testLow()) + ", " + accuracy(s.testHigh()) + "]";
        return t;
    }

    static String time(Long millis) {
        return millis == null ? "–" : TIME.format(Instant.ofEpochMilli(millis));
    }

    static String duration(Long ms) {
        if (ms == null) return "–";
        long s = ms / 1000;
        if (s < 60) return s + " s";
        if (s < 3600) return s / 60 + " min " + s % 60 + " s";
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    private static StringBuilder head(String title, String page, String sweepId) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">")
                .append("<script src=\"/assets/echarts.min.js\"></script>")
                .append("<script src=\"/assets/dashboard.js\" defer></script></head>\n")
                .append("<body data-page=\"").append(page).append("\" data-sweep=\"").append(escape(sweepId)).append("\">\n");
        return b;
    }

    private static String foot(StringBuilder b) {
        return b.append("</body></html>\n").toString();
    }
}
