package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceDimension;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;

/**
 * The stage strategies: which points a stage tries, as pure functions of the space, the sampler, the sweep seed and
 * the stored outcomes of earlier stages (so a resumed sweep proposes the same points).
 * <ul>
 *   <li>coarse: the space, sampled;</li>
 *   <li>edge extension: when the best coarse log10(lambda) lies in the outer part of a uniform log10-lambda range,
 *       the space with that range moved beyond the edge (see {@link EdgeGuard});</li>
 *   <li>fine: the report's rule per numeric dimension: with b1, b2 the two best points, the range b1 +- d, d =
 *       |b1 - b2| in the dimension's coordinate (log10 for log-uniform), at least the minimum half-width (1 for
 *       an int-uniform dimension); a dimension other than log10-lambda stays within its coarse bounds; choice
 *       dimensions are fixed to the best point's value;</li>
 *   <li>final: the best point (see {@link Candidates#best}).</li>
 * </ul>
 * A grid is one stage of every combination of choices.
 */
public final class StageStrategy {
    private StageStrategy() {
    }

    /** The coarse stage's points. */
    public static List<Map<SpaceParam, Object>> coarse(SearchSpace space, SpaceSampler sampler, int trials,
                                                       long sweepSeed) {
        return sampler.sample(space, trials, sweepSeed, Stage.COARSE);
    }

    /**
     * A grid's points: every combination, where a point with He initialization keeps the base init-sigma (sigma only
     * matters for normal initialization) and points that thereby coincide are tried once.
     */
    public static List<Map<SpaceParam, Object>> grid(SearchSpace space, NetworkConfig base, long sweepSeed) {
        LinkedHashSet<Map<SpaceParam, Object>> out = new LinkedHashSet<>();
        for (Map<SpaceParam, Object> p : new GridSampler().sample(space, 0, sweepSeed, Stage.GRID)) {
            Object init = p.getOrDefault(SpaceParam.INIT, base.init());
            if (init == InitScheme.HE && p.containsKey(SpaceParam.INIT_SIGMA)) {
                p = new LinkedHashMap<>(p);
                p.put(SpaceParam.INIT_SIGMA, base.initSigma());
            }
            out.add(p);
        }
        return new ArrayList<>(out);
    }

    /**
     * The fine stage's space around the ranked anchors (best first, see {@link Candidates#anchors}); empty when
     * there is no anchor.
     */
    public static Optional<SearchSpace> fineSpace(SearchSpace space, List<TrialOutcome> anchors,
                                                  double minHalfWidth) {
        if (anchors.isEmpty()) return Optional.empty();
        TrialOutcome best = anchors.get(0);
        List<SpaceDimension> dims = new ArrayList<>();
        for (SpaceDimension d : space.dimensions()) {
            Object bestValue = valueOf(d.param(), best);
            if (d.isChoice()) {
                dims.add(SpaceDimension.choice(d.param(), List.of(bestValue)));
                continue;
            }
            double c1 = d.coordinate(((Number) bestValue).doubleValue());
            double gap = anchors.size() > 1
                    ? Math.abs(c1 - d.coordinate(((Number) valueOf(d.param(), anchors.get(1))).doubleValue())) : 0;
            double half = Math.max(gap, d.kind() == SpaceDimension.Kind.INT_UNIFORM
                    ? Math.max(1, minHalfWidth) : minHalfWidth);
            double lo = c1 - half;
            double hi = c1 + half;
            if (d.param() != SpaceParam.LOG10_LAMBDA) {
                lo = Math.max(lo, d.coordinateMin());
                hi = Math.min(hi, d.coordinateMax());
            }
            dims.add(hi > lo ? d.narrowed(lo, hi) : SpaceDimension.choice(d.param(), List.of(bestValue)));
        }
        return Optional.of(new SearchSpace(dims));
    }

    /** The fine stage's points. */
    public static List<Map<SpaceParam, Object>> fine(SearchSpace fineSpace, SpaceSampler sampler, int trials,
                                                     long sweepSeed) {
        return sampler.sample(fineSpace, trials, sweepSeed, Stage.FINE);
    }

    /** The coarse range of log10(lambda) when the space draws it uniformly (the range the edge guard watches). */
    public static Optional<LambdaSearch.Range> lambdaRange(SearchSpace space) {
        return space.dimension(SpaceParam.LOG10_LAMBDA).filter(d -> d.kind() == SpaceDimension.Kind.UNIFORM)
                .map(d -> new LambdaSearch.Range(d.min(), d.max()));
    }

    /** The edge extension's points: the space with log10(lambda) uniform over {@code extension}. */
    public static List<Map<SpaceParam, Object>> extension(SearchSpace space, LambdaSearch.Range extension,
                                                          SpaceSampler sampler, int trials, long sweepSeed) {
        SearchSpace moved = space.with(SpaceDimension.range(SpaceParam.LOG10_LAMBDA, SpaceDimension.Kind.UNIFORM,
                extension.min(), extension.max()));
        return sampler.sample(moved, trials, sweepSeed, Stage.EXTEND);
    }

    /** A stored trial's point in the space: its value of each of the space's parameters. */
    public static Map<SpaceParam, Object> pointOf(SearchSpace space, TrialOutcome t) {
        Map<SpaceParam, Object> p = new LinkedHashMap<>();
        for (SpaceDimension d : space.dimensions()) p.put(d.param(), valueOf(d.param(), t));
        return p;
    }

    /** A parameter's value in a stored trial. */
    static Object valueOf(SpaceParam param, TrialOutcome t) {
        return switch (param) {
            case LOG10_LAMBDA -> t.log10Lambda();
            case ETA_MIN -> t.etaMin();
            case ETA_MAX -> t.etaMax();
            case STEP_SIZE -> t.stepSize();
            case CYCLES -> t.cycles();
            case BATCH_SIZE -> t.batchSize();
            case HIDDEN -> t.hidden();
            case BATCH_NORM -> t.batchNorm();
            case INIT -> InitScheme.parse("init", t.init());
            case INIT_SIGMA -> t.initSigma();
        };
    }
}
