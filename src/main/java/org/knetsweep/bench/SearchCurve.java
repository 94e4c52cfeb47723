package org.knetsweep.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * One search run as the benchmark sees it: the best validation accuracy found so far after each measurement, against
 * the trials started, the training steps spent and the wall time. A measurement is a trial's full run, or for
 * successive halving each rung it finished (a network trained that far, with its own validation accuracy). Full-budget
 * trials count in trial order (coarse, then fine), rung results in the order they finished.
 *
 * @param trials cumulative distinct trials after each measurement
 * @param steps  cumulative training steps after each measurement
 * @param wallS  seconds from the first trial's start to the measurement's end
 * @param val    the measurement's validation accuracy (NaN for a failed or diverged run)
 * @param best   best validation accuracy so far (NaN until one trial completed)
 */
public record SearchCurve(int[] trials, long[] steps, double[] wallS, double[] val, double[] best) {
    /** A single measurement: the trial, the steps it added, its end time and its validation accuracy (NaN: none). */
    private record Point(String trialId, long steps, Instant finished, double val) {
    }

    /**
     * The curve of a sweep's search stages from its stored rows.
     *
     * @param trials the {@code trials} rows (final stage rows are ignored)
     * @param rungs  the {@code rungs} rows (empty without halving)
     */
    public static SearchCurve of(List<TrialOutcome> trials, List<TrialOutcome> rungs) {
        return of(trials, rungs, -1);
    }

    /**
     * As above, where rung {@code freshRung} trains each trial from scratch (the top rung with
     * knet.sweep.halving.restarts; -1: none does): its rows' steps are all new, not added to the rung below.
     */
    public static SearchCurve of(List<TrialOutcome> trials, List<TrialOutcome> rungs, int freshRung) {
        List<TrialOutcome> search = trials.stream().filter(t -> t.stage() != Stage.FINAL).toList();
        Set<String> halved = new HashSet<>();
        for (TrialOutcome r : rungs) if (r.stage() != Stage.FINAL) halved.add(r.trialId());
        List<Point> points = new ArrayList<>();
        for (TrialOutcome t : search.stream().sorted(Comparator.comparingInt((TrialOutcome t) -> t.stage().ordinal())
                .thenComparingInt(TrialOutcome::trialIndex)).toList()) {
            if (!halved.contains(t.trialId())) points.add(new Point(t.trialId(), t.steps(), t.finishedAt(), val(t)));
        }
        Map<String, Long> stepsSoFar = new HashMap<>();
        List<TrialOutcome> byRung = rungs.stream().filter(r -> r.stage() != Stage.FINAL)
                .sorted(Comparator.comparingInt(TrialOutcome::rung)).toList();
        List<Point> rungPoints = new ArrayList<>();
        for (TrialOutcome r : byRung) {
            long before = r.rung() == freshRung ? 0L : stepsSoFar.getOrDefault(r.trialId(), 0L);
            stepsSoFar.put(r.trialId(), r.steps());
            rungPoints.add(new Point(r.trialId(), r.steps() - before, r.finishedAt(), val(r)));
        }
        rungPoints.sort(Comparator.comparing(Point::finished, Comparator.nullsLast(Comparator.naturalOrder())));
        points.addAll(rungPoints);
        Instant start = search.stream().map(TrialOutcome::startedAt).filter(x -> x != null).min(Instant::compareTo)
                .orElse(null);
        for (TrialOutcome r : rungs) {
            if (r.startedAt() != null && (start == null || r.startedAt().isBefore(start))) start = r.startedAt();
        }
        int n = points.size();
        int[] count = new int[n];
        long[] steps = new long[n];
        double[] wall = new double[n];
        double[] vals = new double[n];
        double[] best = new double[n];
        Set<String> seen = new HashSet<>();
        long total = 0;
        double top = Double.NaN;
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            seen.add(p.trialId());
            total += p.steps();
            if (Double.isFinite(p.val()) && !(p.val() <= top)) top = p.val();
            count[i] = seen.size();
            steps[i] = total;
            wall[i] = start == null || p.finished() == null ? Double.NaN
                    : (p.finished().toEpochMilli() - start.toEpochMilli()) / 1e3;
            vals[i] = p.val();
            best[i] = top;
        }
        return new SearchCurve(count, steps, wall, vals, best);
    }

    private static double val(TrialOutcome t) {
        boolean ok = t.status() == TrainingStatus.COMPLETE || t.status() == TrainingStatus.STOPPED;
        return ok ? t.valAccuracy() : Double.NaN;
    }

    /** The best validation accuracy once {@code n} trials were started (the last measurement with at most n). */
    public double bestAfterTrials(int n) {
        double b = Double.NaN;
        for (int i = 0; i < trials.length && trials[i] <= n; i++) b = best[i];
        return b;
    }

    /** The best validation accuracy once {@code s} training steps were spent. */
    public double bestAfterSteps(long s) {
        double b = Double.NaN;
        for (int i = 0; i < steps.length && steps[i] <= s; i++) b = best[i];
        return b;
    }

    /** The best validation accuracy {@code seconds} after the start. */
    public double bestAfterSeconds(double seconds) {
        double b = Double.NaN;
        for (int i = 0; i < wallS.length; i++)
            if (wallS[i] <= seconds && Double.isFinite(val[i]) && !(val[i] <= b)) b = val[i];
        return b;
    }

    /** Trials started when the best first reached {@code target}; -1 when it never did. */
    public int trialsToReach(double target) {
        for (int i = 0; i < best.length; i++) if (best[i] >= target) return trials[i];
        return -1;
    }

    /** Training steps spent when the best first reached {@code target}; -1 when it never did. */
    public long stepsToReach(double target) {
        for (int i = 0; i < best.length; i++) if (best[i] >= target) return steps[i];
        return -1;
    }

    /** Seconds from the start when the best first reached {@code target}; NaN when it never did. */
    public double secondsToReach(double target) {
        double first = Double.NaN;
        for (int i = 0; i < val.length; i++)
            if (val[i] >= target && !(wallS[i] >= first)) first = wallS[i];
        return first;
    }

    /** Every training step the search spent. */
    public long totalSteps() {
        return steps.length == 0 ? 0 : steps[steps.length - 1];
    }

    /** The best validation accuracy at the end. */
    public double finalBest() {
        return best.length == 0 ? Double.NaN : best[best.length - 1];
    }
}
