package org.knetsweep.data;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Text progress of a transfer: percent, megabytes (10^6 bytes) and rate. On a terminal one line is redrawn in place
 * at most 10 times a second; otherwise a new line is printed only at each further 10 % (or every 10 s when the total
 * is unknown), so logs stay short. Package-private.
 */
final class ProgressBar {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long LOG_NANOS = 10_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastPrint;
    private int lastDecile;

    /**
     * @param out      where to print (null: print nothing)
     * @param total    expected bytes, or a negative number if unknown
     * @param terminal true to redraw one line with carriage returns
     * @param nanoTime clock, e.g. System::nanoTime
     */
    ProgressBar(PrintStream out, long total, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.lastPrint = start;
    }

    /** Reports that {@code done} bytes have been transferred; prints only when due. */
    void update(long done) {
        if (out == null) return;
        long now = nanoTime.getAsLong();
        if (terminal) {
            if (now - lastPrint < REDRAW_NANOS) return;
            out.print("\r" + render(done, total, seconds(now)));
            out.flush();
            lastPrint = now;
        } else if (total > 0) {
            int decile = (int) Math.min(10, done * 10 / total);
            if (decile <= lastDecile || decile == 10) return;
            lastDecile = decile;
            out.println(render(done, total, seconds(now)));
        } else if (now - lastPrint >= LOG_NANOS) {
            out.println(render(done, total, seconds(now)));
            lastPrint = now;
        }
    }

    /** Prints the final state and ends the line. */
    void finish(long done) {
        if (out == null) return;
        String line = render(done, total, seconds(nanoTime.getAsLong()));
        out.print(terminal ? "\r" + line + System.lineSeparator() : line + System.lineSeparator());
        out.flush();
    }

    private double seconds(long now) {
        return (now - start) / 1e9;
    }

    /** One progress line, e.g. "[###########-------------------]  37.5%   63.8 / 170.1 MB   11.2 MB/s". */
    static String render(long done, long total, double seconds) {
        double mb = done / 1e6;
        double rate = seconds > 0 ? mb / seconds : 0;
        if (total <= 0)
            return String.format(Locale.ROOT, "%8.1f MB  %6.1f MB/s", mb, rate);
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %6.1f / %.1f MB  %6.1f MB/s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), fraction * 100, mb, total / 1e6, rate);
    }
}
