package org.knetsweep.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.knetsweep.trial.TrialOutcome;

/** Number, time and settings formatting shared by the report's tables, figure titles and labels. */
final class Format {
    /** Shown for a value that was not measured (NaN) or is unknown (null). */
    static final String NONE = "—";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** An accuracy in [0, 1] as a percentage with two decimals, e.g. "51.23%". */
    /** A trial's status, or {@link #NONE} when it has none. */
    static String status(TrialOutcome t) {
        return t.status() == null ? NONE : t.status().name();
    }

    static String percent(double accuracy) {
        return Double.isFinite(accuracy) ? String.format(Locale.ROOT, "%.2f%%", 100 * accuracy) : NONE;
    }

    /** A number with at most {@code decimals} decimals, trailing zeros dropped: -2 -> "-2", -2.31249 -> "-2.312". */
    static String decimal(double value, int decimals) {
        if (!Double.isFinite(value)) return NONE;
        BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        String s = d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : d.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** log10(lambda) with three decimals at most. */
    static String log10(double log10Lambda) {
        return decimal(log10Lambda, 3);
    }

    /** A positive number in scientific notation, compact: 1e-4, 2.5e-3, 0.005 -> 5e-3. */
    static String scientific(double value) {
        if (!Double.isFinite(value)) return NONE;
        if (value == 0) return "0";
        String s = String.format(Locale.ROOT, "%.2e", value); // three significant digits, e.g. 1.00e-04
        int e = s.indexOf('e');
        String mantissa = new BigDecimal(s.substring(0, e)).stripTrailingZeros().toPlainString();
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /** A hidden-layer list, e.g. "[50, 30, 20]". */
    static String hidden(List<Integer> hidden) {
        return hidden == null || hidden.isEmpty() ? NONE
                : hidden.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A wall time: "850 ms", "42.3 s", "3 min 05 s", "1 h 02 min". */
    static String duration(long ms) {
        if (ms < 0) return NONE;
        if (ms < 1000) return ms + " ms";
        if (ms < 60_000) return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() == 0) return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
        return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
    }

    /** A UTC time to the second, or {@link #NONE}. */
    static String time(Instant t) {
        return t == null ? NONE : TIME.format(t);
    }

    /** The text, or {@link #NONE} when null or blank. */
    static String text(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }

    /** The first line of a (possibly multi-line) message, shortened to {@code max} characters. */
    static String firstLine(String s, int max) {
        if (s == null || s.isBlank()) return NONE;
        String line = s.strip().lines().findFirst().orElse("").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /** A name safe as a file name: characters other than letters, digits, '.', '_' and '-' become '_'. */
    static String fileName(String s) {
        String safe = s == null || s.isEmpty() ? "_" : s.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.equals(".") || safe.equals("..") ? safe.replace('.', '_') : safe;
    }
}
