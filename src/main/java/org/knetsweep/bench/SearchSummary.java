package org.knetsweep.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's figures per method, across seeds: median and quartiles of the best validation accuracy after a
 * number of trials, of the steps and wall time spent, and of the trials, steps and seconds each run needed to reach
 * the target. The target is random search's median best of N trials (N the benchmark's trials per run), estimated
 * from all its runs' trials pooled ({@link PooledBest}); the median of its runs' final bests, a noisier estimate of the
 * same quantity, is printed beside it with the runs of each method that reach it. A run that never reached a target
 * counts as infinitely slow, so a median is "not reached" when more than half of the runs did not reach it.
 */
public final class SearchSummary {
    /** One method's figures. */
    public record Row(String method, int runs, Map<Integer, Quartiles> bestAfter, Quartiles finalBest,
                      Quartiles steps, Quartiles wallS, Quartiles trialsToTarget, Quartiles stepsToTarget,
                      Quartiles secondsToTarget, int reached, Quartiles trialsToRunsMedian, int reachedRunsMedian,
                      Quartiles pickTest) {
    }

    private final double target;
    private final Quartiles pooled;
    private final int poolSize;
    private final int trials;
    private final double runsMedian;
    private final int baselineRuns;
    private final List<Row> rows;

    private SearchSummary(double target, Quartiles pooled, int poolSize, int trials, double runsMedian,
                          int baselineRuns, List<Row> rows) {
        this.target = target;
        this.pooled = pooled;
        this.poolSize = poolSize;
        this.trials = trials;
        this.runsMedian = runsMedian;
        this.baselineRuns = baselineRuns;
        this.rows = List.copyOf(rows);
    }

    /** The target: the baseline's median best of N trials, from its pooled trials. */
    public double target() {
        return target;
    }

    /** The median of the baseline runs' final bests. */
    public double runsMedian() {
        return runsMedian;
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * The summary of the runs. The target is the median best of {@code trials} trials of {@code baseline}, estimated
     * from the pool of all its runs' trials (each run's measurements; the baseline must not halve); with fewer pooled
     * trials than that, the median of its runs' final bests.
     */
    public static SearchSummary of(List<SearchBenchmark.Run> runs, String baseline, List<Integer> checkpoints,
                                   int trials) {
        Map<String, List<SearchCurve>> by = new LinkedHashMap<>();
        Map<String, List<Double>> picks = new LinkedHashMap<>();
        for (SearchBenchmark.Run r : runs) {
            by.computeIfAbsent(r.method().name(), k -> new ArrayList<>()).add(r.curve());
            picks.computeIfAbsent(r.method().name(), k -> new ArrayList<>()).add(r.pickTest());
        }
        List<SearchCurve> base = by.getOrDefault(baseline, List.of());
        double runsMedian = Quartiles.of(base.stream().mapToDouble(SearchCurve::finalBest).toArray()).median();
        PooledBest pool = PooledBest.of(base.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.val()))
                .toArray());
        Quartiles pooled = pool.size() >= trials ? pool.bestOf(trials) : null;
        double target = pooled != null && Double.isFinite(pooled.median()) ? pooled.median() : runsMedian;
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<SearchCurve>> e : by.entrySet()) {
            List<SearchCurve> cs = e.getValue();
            Map<Integer, Quartiles> after = new LinkedHashMap<>();
            for (int n : checkpoints) after.put(n, Quartiles.of(cs.stream().mapToDouble(c -> c.bestAfterTrials(n))
                    .toArray()));
            int reached = (int) cs.stream().filter(c -> c.trialsToReach(target) >= 0).count();
            rows.add(new Row(e.getKey(), cs.size(), after,
                    Quartiles.of(cs.stream().mapToDouble(SearchCurve::finalBest).toArray()),
                    Quartiles.of(cs.stream().mapToDouble(c -> c.totalSteps()).toArray()),
                    Quartiles.of(cs.stream().mapToDouble(c -> SearchBenchmark.max(c.wallS())).toArray()),
                    toTarget(cs.stream().mapToDouble(c -> c.trialsToReach(target)).toArray()),
                    toTarget(cs.stream().mapToDouble(c -> c.stepsToReach(target)).toArray()),
                    toTarget(cs.stream().mapToDouble(c -> {
                        double s = c.secondsToReach(target);
                        return Double.isNaN(s) ? -1 : s;
                    }).toArray()), reached,
                    toTarget(cs.stream().mapToDouble(c -> c.trialsToReach(runsMedian)).toArray()),
                    (int) cs.stream().filter(c -> c.trialsToReach(runsMedian) >= 0).count(),
                    Quartiles.of(picks.get(e.getKey()).stream().mapToDouble(Double::doubleValue).toArray())));
        }
        return new SearchSummary(target, pooled, pool.size(), trials, runsMedian, base.size(), rows);
    }

    /** Quartiles where a run that never reached the target (-1) counts as +infinity. */
    private static Quartiles toTarget(double[] values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i] < 0 ? Double.POSITIVE_INFINITY : values[i];
        java.util.Arrays.sort(v);
        if (v.length == 0) return new Quartiles(Double.NaN, Double.NaN, Double.NaN, 0);
        return new Quartiles(Quartiles.at(v, 0.25), Quartiles.at(v, 0.5), Quartiles.at(v, 0.75), v.length);
    }

    /** Prints the table of figures. */
    public void print(PrintStream out, long randomStepsMedian) {
        if (pooled != null) {
            out.printf(Locale.ROOT, "%ntarget: random search's median best validation accuracy of %d trials %.4f "
                            + "[quartiles %.4f, %.4f], estimated from all %d of its trials; the median of its %d runs' "
                            + "bests is %.4f%n", trials, target, pooled.q1(), pooled.q3(), poolSize, baselineRuns,
                    runsMedian);
        } else {
            out.printf(Locale.ROOT, "%ntarget: random search's median final best validation accuracy %.4f%n", target);
        }
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-13s (%d seeds)%n", r.method(), r.runs());
            for (Map.Entry<Integer, Quartiles> e : r.bestAfter().entrySet())
                out.printf(Locale.ROOT, "    best after %2d trials  %s%n", e.getKey(), e.getValue().format(4));
            out.printf(Locale.ROOT, "    best at the end       %s%n", r.finalBest().format(4));
            out.printf(Locale.ROOT, "    steps spent           %s%n", r.steps().format(0));
            out.printf(Locale.ROOT, "    wall time (s)         %s%n", r.wallS().format(1));
            out.printf(Locale.ROOT, "    to reach the target   %d of %d runs; trials %s; steps %s%s; seconds %s%n",
                    r.reached(), r.runs(), fmt(r.trialsToTarget(), 0), fmt(r.stepsToTarget(), 0),
                    randomStepsMedian > 0 && Double.isFinite(r.stepsToTarget().median())
                            ? String.format(Locale.ROOT, " (%.0f%% of random's steps)",
                            100.0 * r.stepsToTarget().median() / randomStepsMedian) : "",
                    fmt(r.secondsToTarget(), 1));
            if (r.pickTest().n() > 0) {
                out.printf(Locale.ROOT, "    test accuracy of the pick %s (its best configuration retrained, mean "
                        + "of the networks; %d runs)%n", r.pickTest().format(4), r.pickTest().n());
            }
            if (pooled != null && runsMedian != target) {
                out.printf(Locale.ROOT, "    to reach %.4f        %d of %d runs; trials %s (the median of random's run "
                        + "bests)%n", runsMedian, r.reachedRunsMedian(), r.runs(), fmt(r.trialsToRunsMedian(), 0));
            }
        }
    }

    /** Median [q1, q3], "not reached" for an infinite median. */
    static String fmt(Quartiles q, int decimals) {
        if (q.n() == 0) return "-";
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, "%s [%s, %s]", num(q.median(), f), num(q.q1(), f), num(q.q3(), f));
    }

    private static String num(double v, String f) {
        return Double.isInfinite(v) ? "not reached" : String.format(Locale.ROOT, f, v);
    }
}
