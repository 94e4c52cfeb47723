package org.knetsweep.sweep;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.config.TpeConfig;
import org.knetsweep.search.Observation;
import org.knetsweep.search.Tpe;
import org.knetsweep.trial.Stage;

/**
 * Where the point of an adaptive stage's next new trial comes from: a list drawn up front (random or Sobol, the same
 * points a staged sweep draws) or TPE over the results the lag rule lets it see.
 */
interface Proposer {
    /** A new trial's point, with its coordinates for a model ({@code null} when the proposer keeps none). */
    record Proposal(Map<SpaceParam, Object> point, double[] x) {
    }

    /**
     * The point of new trial {@code trial}.
     *
     * @param completed the visible finished trials (loss = - validation accuracy; failed or diverged: +infinity)
     * @param pending   the coordinates of the started trials whose results are not visible, in trial order
     */
    Proposal propose(int trial, List<Observation> completed, List<double[]> pending);

    /** True when {@link #propose} uses results (the policy then keeps the coordinates of every trial). */
    boolean adaptive();

    /** The points of a sampler drawn up front, in order. */
    static Proposer fixed(List<Map<SpaceParam, Object>> points) {
        return new Proposer() {
            @Override
            public Proposal propose(int trial, List<Observation> completed, List<double[]> pending) {
                return new Proposal(points.get(trial), null);
            }

            @Override
            public boolean adaptive() {
                return false;
            }
        };
    }

    /**
     * TPE: the first {@code startup-trials} points from a scrambled Sobol sequence of the stage's generator, every
     * later one from {@link Tpe#suggest} with the trial's own generator ({@link SeedPolicy#proposalRandom}).
     */
    static Proposer tpe(SearchSpace space, TpeConfig cfg, long sweepSeed, Stage stage) {
        SpaceEncoding enc = new SpaceEncoding(space);
        Tpe tpe = new Tpe(cfg, enc.dims());
        List<double[]> startup = SobolSampler.unitPoints(enc.dims().size(), cfg.startupTrials(),
                SeedPolicy.stageRandom(sweepSeed, stage));
        return new Proposer() {
            @Override
            public Proposal propose(int trial, List<Observation> completed, List<double[]> pending) {
                double[] x = trial < startup.size() ? enc.fromUnit(startup.get(trial))
                        : tpe.suggest(completed, pending, SeedPolicy.proposalRandom(sweepSeed, stage, trial));
                return new Proposal(enc.point(x), x);
            }

            @Override
            public boolean adaptive() {
                return true;
            }
        };
    }
}
