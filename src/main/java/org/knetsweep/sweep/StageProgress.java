package org.knetsweep.sweep;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialSummary;

/**
 * Progress of one stage on the driver's console: trials done / running / total, the best validation accuracy so
 * far, elapsed time and an ETA. Prints on each finished trial, and at most every {@code intervalMs} otherwise. A trial
 * is named by its point: log10(lambda), or every parameter its space varies ({@link VariedParams}).
 */
public final class StageProgress {
    private final PrintStream out;
    private final Stage stage;
    private final int total;
    private final boolean estimated;
    private final long start = System.nanoTime();
    private final long intervalMs;
    private final Function<TrialSummary, String> point;
    private long lastPrint;
    private int done;
    private int failed;
    private double best = Double.NaN;
    private String bestPoint = "";

    /** Progress naming each trial by its log10(lambda). */
    public StageProgress(PrintStream out, Stage stage, int total, long intervalMs) {
        this(out, stage, total, intervalMs, s -> VariedParams.lambdaLabel(s.log10Lambda()));
    }

    /** Progress naming each trial by {@code point}, e.g. "log10_lambda=-2.3100 eta_max=0.08". */
    public StageProgress(PrintStream out, Stage stage, int total, long intervalMs,
                         Function<TrialSummary, String> point) {
        this(out, stage, total, false, intervalMs, point);
    }

    /**
     * As above; {@code estimated}: {@code total} is an estimate (asynchronous halving promotes as results come, so its
     * job count is known only at the end): printed as "~total", raised to the jobs done and running when they exceed
     * it, so that the count and the ETA stay sensible.
     */
    public StageProgress(PrintStream out, Stage stage, int total, boolean estimated, long intervalMs,
                         Function<TrialSummary, String> point) {
        this.out = out;
        this.stage = stage;
        this.total = total;
        this.estimated = estimated;
        this.intervalMs = intervalMs;
        this.point = point;
    }

    /** A trial finished. */
    public synchronized void finished(TrialSummary s, int running) {
        done++;
        if (s.status() != TrainingStatus.COMPLETE) failed++;
        if (s.status() == TrainingStatus.COMPLETE && !(s.valAccuracy() <= best)) {
            best = s.valAccuracy();
            bestPoint = point.apply(s);
        }
        print(running, String.format(Locale.ROOT, "%s %s %s val %.4f", s.trialId(),
                s.status() == TrainingStatus.COMPLETE ? "done" : s.status().name(), point.apply(s), s.valAccuracy()));
    }

    /** Periodic heartbeat while trials run. */
    public synchronized void tick(int running) {
        if ((System.nanoTime() - start) / 1_000_000 - lastPrint >= intervalMs) print(running, "");
    }

    private void print(int running, String event) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        lastPrint = (long) (elapsed * 1000);
        int expected = estimated ? Math.max(total, done + running) : total;
        String eta = done == 0 ? "?"
                : String.format(Locale.ROOT, "%.0f s", elapsed / done * Math.max(0, expected - done));
        out.printf(Locale.ROOT, "[%s] %d/%s%d done, %d running%s | best val %s | %.0f s elapsed, ETA %s%s%n",
                stage.label(), done, estimated ? "~" : "", expected, running,
                failed > 0 ? ", " + failed + " not complete" : "",
                Double.isNaN(best) ? "-" : String.format(Locale.ROOT, "%.4f at %s", best, bestPoint),
                elapsed, eta, event.isEmpty() ? "" : " | " + event);
    }
}
