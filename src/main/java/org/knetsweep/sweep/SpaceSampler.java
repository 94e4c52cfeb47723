package org.knetsweep.sweep;

import java.util.List;
import java.util.Map;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.config.SweepConfig;
import org.knetsweep.trial.Stage;

/**
 * Draws the points of one stage from a search space, as a pure function of the space, the count, the sweep seed and
 * the stage (so a resumed sweep draws the same points).
 */
public interface SpaceSampler {
    /** {@code n} points of the space (a grid gives all its points whatever {@code n}). */
    List<Map<SpaceParam, Object>> sample(SearchSpace space, int n, long sweepSeed, Stage stage);

    /**
     * The sampler a configuration names for its staged stages. TPE proposes the coarse stage's points one at a time
     * ({@link Proposer#tpe}); the stages drawn up front after it (fine, edge extension) draw at random.
     */
    static SpaceSampler of(SweepConfig.Sampler kind) {
        return switch (kind) {
            case RANDOM, TPE -> new RandomSampler();
            case SOBOL -> new SobolSampler();
            case GRID -> new GridSampler();
        };
    }
}
