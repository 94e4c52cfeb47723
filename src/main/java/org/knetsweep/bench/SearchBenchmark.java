package org.knetsweep.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knetsweep.KnetException;

/**
 * {@code knet bench-search}: search methods compared on a cheap proxy problem ({@code conf/bench/search.conf}) over
 * several seeds, each method with the same budget of new trials. Every (seed, method) pair is a real sweep; its
 * {@link SearchCurve} comes from its stored rows. What it prints, per method across seeds (median and quartiles): the
 * best validation accuracy after 8, 16 and all trials, the training steps and wall time spent, and the trials and
 * steps needed to reach random search's final median best.
 */
public final class SearchBenchmark {
    /** A search method: its name and the settings it adds to the proxy problem. */
    public record Method(String name, String description, List<String> sets) {
    }

    /**
     * One sweep of the benchmark: its curve, and the test accuracy of its pick (the mean over the final stage's
     * networks, the best configuration retrained with fresh seeds; NaN without a final stage).
     */
    public record Run(Method method, long seed, String sweepId, SearchCurve curve, double pickTest) {
    }

    /** What one sweep gave: its curve and its pick's mean test accuracy (NaN: no final stage). */
    public record SweepOutcome(SearchCurve curve, double pickTest) {
    }

    /** Runs one sweep of the given settings. */
    public interface SweepRunner {
        SweepOutcome run(List<String> sets, long seed, String sweepId);
    }

    /** The methods, in the order they are printed. */
    public static final List<String> NAMES = List.of("random", "sobol", "lambda-search", "tpe", "tpe+asha",
            "random+asha");

    private SearchBenchmark() {
    }

    /**
     * The methods named, each with {@code trials} new trials: random and Sobol draws; the coarse-then-fine search
     * (half the trials coarse, half fine); TPE with the given lag; and asynchronous successive halving (3 rungs at
     * 1/9, 1/3 and 1 cycle, eta 3) over TPE or random points.
     */
    public static List<Method> methods(List<String> names, int trials, int lag) {
        Map<String, Method> all = new LinkedHashMap<>();
        String n = "knet.sweep.coarse.trials=" + trials;
        String l = "knet.sweep.tpe.lag=" + lag;
        List<String> asha = List.of("knet.sweep.halving.enabled=true", "knet.sweep.halving.asynchronous=true",
                "knet.sweep.halving.rungs=3", "knet.sweep.halving.eta=3", "knet.sweep.halving.min-budget=0.1111");
        all.put("random", new Method("random", "independent uniform draws", List.of(n, "knet.sweep.sampler=random")));
        all.put("sobol", new Method("sobol", "scrambled Sobol sequence", List.of(n, "knet.sweep.sampler=sobol")));
        all.put("lambda-search", new Method("lambda-search", "coarse (random) then fine around the two best",
                List.of("knet.sweep.coarse.trials=" + (trials - trials / 2), "knet.sweep.fine.trials=" + trials / 2,
                        "knet.sweep.sampler=random")));
        all.put("tpe", new Method("tpe", "TPE, lag " + lag, List.of(n, "knet.sweep.sampler=tpe", l)));
        List<String> tpeAsha = new ArrayList<>(List.of(n, "knet.sweep.sampler=tpe", l));
        tpeAsha.addAll(asha);
        all.put("tpe+asha", new Method("tpe+asha", "TPE points, asynchronous halving, lag " + lag, tpeAsha));
        List<String> randomAsha = new ArrayList<>(List.of(n, "knet.sweep.sampler=random", l));
        randomAsha.addAll(asha);
        all.put("random+asha", new Method("random+asha", "random points, asynchronous halving, lag " + lag,
                randomAsha));
        // the same with each rung one cycle of its own (knet.sweep.halving.restarts): rungs judged at a cycle's end
        for (Method m : List.of(all.get("tpe+asha"), all.get("random+asha"))) {
            List<String> sets = new ArrayList<>(m.sets());
            sets.add("knet.sweep.halving.restarts=true");
            all.put(m.name() + "+restarts", new Method(m.name() + "+restarts", m.description()
                    + ", each rung one cycle of its own", sets));
        }
        List<Method> out = new ArrayList<>();
        for (String name : names) {
            Method m = all.get(name);
            if (m == null) throw new KnetException("unknown method '" + name + "' for --methods (expected some of "
                    + String.join(", ", all.keySet()) + ")");
            out.add(m);
        }
        return out;
    }

    /**
     * The settings that add the pick's check to every sweep: the final stage, {@code networks} networks of the best
     * configuration trained for {@code cycles} cycles (the trials' own budget), with fresh seeds after the first.
     */
    public static List<String> pickCheck(int networks, int cycles) {
        return List.of("knet.sweep.final.enabled=true", "knet.sweep.final.replicas=" + networks,
                "knet.sweep.final.cycles=" + cycles);
    }

    /**
     * Runs every method for each seed (seed by seed, so each seed's data split is loaded once). The sweep of method
     * m and seed s is bench-m-s{s}{idSuffix}.
     */
    public static List<Run> run(List<Method> methods, List<Long> seeds, String idSuffix, SweepRunner runner,
                                PrintStream out) {
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            for (Method m : methods) {
                String id = "bench-" + m.name().replace('+', '-') + "-s" + seed + idSuffix;
                SweepOutcome o = runner.run(m.sets(), seed, id);
                SearchCurve c = o.curve();
                out.printf(Locale.ROOT, "bench-search: %-13s seed %d: best %.4f after %d trials, %d steps, %.0f s%s%n",
                        m.name(), seed, c.finalBest(), c.trials().length == 0 ? 0 : c.trials()[c.trials().length - 1],
                        c.totalSteps(), c.wallS().length == 0 ? 0 : max(c.wallS()), Double.isNaN(o.pickTest()) ? ""
                                : String.format(Locale.ROOT, "; its pick's test accuracy %.4f", o.pickTest()));
                runs.add(new Run(m, seed, id, c, o.pickTest()));
            }
        }
        return runs;
    }

    static double max(double[] v) {
        double m = Double.NaN;
        for (double x : v) if (Double.isFinite(x) && !(x <= m)) m = x;
        return m;
    }
}
