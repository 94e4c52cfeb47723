package org.knetsweep.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.knetsweep.config.TpeConfig;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe 2023, arXiv:2304.11127), as a pure function:
 * given the finished trials, the pending ones and a random generator, the next point of the encoded space.
 *
 * <ol>
 *   <li>The observations are the finished trials in trial order, then the pending points with the worst loss
 *       (+infinity: the constant liar), in their given order.</li>
 *   <li>{@link GoodBadSplit}: the best min(ceil(quantile n), maxGood) finite losses are good, the rest bad.</li>
 *   <li>One {@link ParzenEstimator} per group: l(x) of the good points, g(x) of the bad ones, each with a prior
 *       kernel; every observation weighs the same.</li>
 *   <li>{@code candidates} draws from l; the one of highest log l(x) - log g(x) wins (the first drawn on a tie).
 *       Multivariate: each draw picks one kernel for all dimensions and is scored by product kernels. Univariate:
 *       each dimension is drawn and chosen on its own.</li>
 * </ol>
 *
 * <p>With no finite loss the good group is empty and l is the prior alone, so the proposals are draws of the prior
 * pushed away from the bad points. Same inputs and generator state, same bits: only StrictMath, no hash order, no
 * parallelism. Instances are immutable and may be shared between threads (the generator is the caller's).
 */
public final class Tpe {
    private final TpeConfig cfg;
    private final List<EncodedDim> dims;

    public Tpe(TpeConfig cfg, List<EncodedDim> dims) {
        if (cfg == null) throw new IllegalArgumentException("no TPE configuration");
        if (dims == null || dims.isEmpty()) throw new IllegalArgumentException("TPE needs at least one dimension");
        this.cfg = cfg;
        this.dims = List.copyOf(dims);
    }

    /** The dimensions, in order. */
    public List<EncodedDim> dims() {
        return dims;
    }

    /**
     * The next point.
     *
     * @param completed finished trials in trial order
     * @param pending   points of trials still running, in trial order; each joins the bad group with the worst loss
     * @param rng       the generator; advanced by this call
     * @return the point: numeric coordinates in [0, 1] ({@code INTEGER} at a level centre), category indices as
     *         whole numbers
     */
    public double[] suggest(List<Observation> completed, List<double[]> pending, SplittableRandom rng) {
        int total = completed.size() + pending.size();
        double[] losses = new double[total];
        List<double[]> points = new ArrayList<>(total);
        for (int i = 0; i < completed.size(); i++) {
            Observation o = completed.get(i);
            points.add(checked(o.x(), "completed trial " + i));
            losses[i] = Double.isNaN(o.loss()) ? Double.POSITIVE_INFINITY : o.loss();
        }
        for (int i = 0; i < pending.size(); i++) {
            points.add(checked(pending.get(i), "pending trial " + i));
            losses[completed.size() + i] = Double.POSITIVE_INFINITY;
        }
        boolean[] good = GoodBadSplit.good(losses, cfg.quantile(), cfg.maxGood());
        List<double[]> goodPoints = new ArrayList<>();
        List<double[]> badPoints = new ArrayList<>();
        for (int i = 0; i < total; i++) (good[i] ? goodPoints : badPoints).add(points.get(i));
        ParzenEstimator l = estimator(goodPoints);
        ParzenEstimator g = estimator(badPoints);
        return cfg.multivariate() ? joint(l, g, rng) : independent(l, g, rng);
    }

    private ParzenEstimator estimator(List<double[]> points) {
        return new ParzenEstimator(points, dims, cfg.priorWeight(), cfg.multivariate(), cfg.minBandwidth());
    }

    private double[] checked(double[] x, String what) {
        if (x == null || x.length != dims.size()) {
            throw new IllegalArgumentException(what + " has " + (x == null ? "no point" : x.length + " coordinates")
                    + ", expected " + dims.size());
        }
        return x;
    }

    /** Candidates drawn jointly from l, scored by the joint density ratio. */
    private double[] joint(ParzenEstimator l, ParzenEstimator g, SplittableRandom rng) {
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cfg.candidates(); i++) {
            double[] x = l.sample(rng);
            double score = l.logDensity(x) - g.logDensity(x);
            if (best == null || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return best;
    }

    /** Each dimension on its own: candidates drawn from its mixture in l, scored by its own density ratio. */
    private double[] independent(ParzenEstimator l, ParzenEstimator g, SplittableRandom rng) {
        double[] x = new double[dims.size()];
        for (int d = 0; d < x.length; d++) {
            double best = Double.NaN;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < cfg.candidates(); i++) {
                double v = l.sample(d, rng);
                double score = l.logDensity(d, v) - g.logDensity(d, v);
                if (i == 0 || score > bestScore) {
                    best = v;
                    bestScore = score;
                }
            }
            x[d] = best;
        }
        return x;
    }
}
