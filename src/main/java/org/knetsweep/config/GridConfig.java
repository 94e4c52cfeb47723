package org.knetsweep.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A grid over training settings: the Cartesian product of the given values, an empty list meaning "the base
 * configuration's value". Sigma only matters for normal initialization, so He points are not repeated per sigma.
 *
 * @param batchNorm   values of knet.network.batch-norm
 * @param hidden      hidden-layer lists
 * @param init        initialization schemes
 * @param initSigma   standard deviations of normal initialization
 * @param log10Lambda log10 of the L2 coefficient
 * @param cycles      numbers of cycles
 */
public record GridConfig(List<Boolean> batchNorm, List<List<Integer>> hidden, List<InitScheme> init,
                         List<Double> initSigma, List<Double> log10Lambda, List<Integer> cycles)
        implements Serializable {
    public GridConfig {
        batchNorm = List.copyOf(batchNorm);
        hidden = hidden.stream().map(List::copyOf).toList();
        init = List.copyOf(init);
        initSigma = List.copyOf(initSigma);
        for (double s : initSigma) Checks.positive("knet.sweep.grid.init-sigma", s);
        log10Lambda = List.copyOf(log10Lambda);
        for (double l : log10Lambda) {
            if (!Double.isFinite(l)) throw Checks.invalid("knet.sweep.grid.log10-lambda", l, "finite numbers");
        }
        cycles = List.copyOf(cycles);
        for (int c : cycles) Checks.positive("knet.sweep.grid.cycles", c);
    }

    /** One point of the grid: complete network and training settings. */
    public record Point(NetworkConfig network, TrainingConfig training) implements Serializable {
    }

    /** The points in a fixed order (hidden, batch norm, init, sigma, lambda, cycles; the last varying fastest). */
    public List<Point> points(NetworkConfig baseNet, TrainingConfig baseTraining) {
        Set<Point> out = new LinkedHashSet<>();
        for (List<Integer> h : or(hidden, baseNet.hidden()))
            for (boolean bn : or(batchNorm, baseNet.batchNorm()))
                for (InitScheme scheme : or(init, baseNet.init()))
                    for (double sigma : scheme == InitScheme.HE ? List.of(baseNet.initSigma()) : or(initSigma, baseNet.initSigma()))
                        for (double l : or(log10Lambda, (Double) SpaceParam.LOG10_LAMBDA.valueIn(baseNet, baseTraining)))
                            for (int c : or(cycles, baseTraining.cycles())) {
                                NetworkConfig net;
                                try {
                                    net = baseNet.withHidden(h).withBatchNorm(bn).withInit(scheme, sigma);
                                } catch (org.knetsweep.KnetException e) {
                                    throw new org.knetsweep.KnetException(e.getMessage().replace("knet.network.",
                                            "knet.sweep.grid."), e);
                                }
                                double lambda = log10Lambda.isEmpty() ? baseTraining.lambda() : SearchSpace.linearLambda(l);
                                out.add(new Point(net, baseTraining.withLambda(lambda).withCycles(c)));
                            }
        return new ArrayList<>(out);
    }

    private static <T> List<T> or(List<T> values, T base) {
        return values.isEmpty() ? List.of(base) : values;
    }
}
