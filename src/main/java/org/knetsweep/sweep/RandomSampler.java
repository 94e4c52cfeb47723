package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.trial.Stage;

/**
 * Independent uniform draws: point after point, one {@code nextDouble()} per dimension in the space's order, from
 * the stage's generator ({@link SeedPolicy#stageRandom}). With the one-dimensional log10(lambda) space these are
 * exactly the report's (and every earlier version's) draws.
 */
public final class RandomSampler implements SpaceSampler {
    @Override
    public List<Map<SpaceParam, Object>> sample(SearchSpace space, int n, long sweepSeed, Stage stage) {
        SplittableRandom rng = SeedPolicy.stageRandom(sweepSeed, stage);
        int dims = space.dimensions().size();
        List<Map<SpaceParam, Object>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] u = new double[dims];
            for (int d = 0; d < dims; d++) u[d] = rng.nextDouble();
            out.add(space.at(u));
        }
        return out;
    }
}
