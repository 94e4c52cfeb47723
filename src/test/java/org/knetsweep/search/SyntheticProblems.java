package org.knetsweep.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.knetsweep.config.TpeConfig;

/** Synthetic 4-D objectives over encoded spaces, and the search loops that compare TPE with random search. */
final class SyntheticProblems {
    /** An objective over an encoded space. */
    record Problem(String name, List<EncodedDim> dims, ToDoubleFunction<double[]> loss) {
    }

    private SyntheticProblems() {
    }

    /**
     * A shifted quadratic bowl: eta-max log-uniform in [0.01, 1] (optimum 0.05), a uniform dimension (optimum 0.7),
     * an integer of 10 levels (optimum 3) and a uniform dimension (optimum 0.2, half the curvature).
     */
    static Problem bowl() {
        List<EncodedDim> dims = List.of(EncodedDim.continuous("eta-max"), EncodedDim.continuous("u"),
                EncodedDim.integer("k", 10), EncodedDim.continuous("v"));
        return new Problem("bowl", dims, x -> {
            double etaMax = StrictMath.pow(10, -2 + 2 * x[0]); // the driver's log scale: u uniform in log10
            double a = StrictMath.log10(etaMax) - StrictMath.log10(0.05);
            int k = dims.get(2).levelOf(x[2]);
            double b = x[1] - 0.7;
            double c = (k - 3) / 9.0;
            double d = x[3] - 0.2;
            return a * a + b * b + c * c + 0.5 * d * d;
        });
    }

    /** Three uniform dimensions (a bowl at 0.3, 0.6, 0.8) and a choice of 4 whose categories add offsets. */
    static Problem withChoice() {
        double[] offsets = {0.15, 0.05, 0.0, 0.3};
        List<EncodedDim> dims = List.of(EncodedDim.continuous("a"), EncodedDim.continuous("b"),
                EncodedDim.continuous("c"), EncodedDim.categorical("choice", 4));
        return new Problem("choice", dims, x -> {
            double a = x[0] - 0.3;
            double b = x[1] - 0.6;
            double c = x[2] - 0.8;
            return a * a + b * b + c * c + offsets[(int) x[3]];
        });
    }

    /** A uniform draw of the encoded space (INTEGER at a level centre, CATEGORICAL a whole index). */
    static double[] uniform(List<EncodedDim> dims, SplittableRandom rng) {
        double[] x = new double[dims.size()];
        for (int d = 0; d < x.length; d++) {
            EncodedDim dim = dims.get(d);
            x[d] = switch (dim.type()) {
                case CONTINUOUS -> rng.nextDouble();
                case INTEGER -> dim.levelCentre(rng.nextInt(dim.levels()));
                case CATEGORICAL -> rng.nextInt(dim.levels());
            };
        }
        return x;
    }

    /** Best loss of {@code budget} uniform draws. */
    static double randomSearch(Problem p, int budget, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < budget; i++) best = Math.min(best, p.loss().applyAsDouble(uniform(p.dims(), rng)));
        return best;
    }

    /**
     * Best loss of {@code budget} trials: the first {@code cfg.startupTrials()} uniform draws (the same as random
     * search's), then TPE; trial i sees the outcomes of trials 0..i-1-lag and the points of the others as pending.
     */
    static double tpeSearch(Problem p, TpeConfig cfg, int budget, int lag, long seed) {
        SplittableRandom start = new SplittableRandom(seed);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Tpe tpe = new Tpe(cfg, p.dims());
        List<double[]> points = new ArrayList<>();
        List<Observation> done = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < budget; i++) {
            double[] x;
            if (i < cfg.startupTrials()) {
                x = uniform(p.dims(), start);
            } else {
                int seen = Math.max(0, i - lag);
                x = tpe.suggest(done.subList(0, seen), points.subList(seen, i), rng);
            }
            double loss = p.loss().applyAsDouble(x);
            points.add(x);
            done.add(new Observation(x, loss));
            best = Math.min(best, loss);
        }
        return best;
    }

    /** Quartiles (25%, 50%, 75%, linear interpolation) of the values. */
    static double[] quartiles(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double[] q = new double[3];
        for (int i = 0; i < 3; i++) {
            double pos = (i + 1) * 0.25 * (s.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(s.length - 1, lo + 1);
            q[i] = s[lo] + (pos - lo) * (s[hi] - s[lo]);
        }
        return q;
    }
}
