package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceDimension;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.trial.Stage;

/**
 * Every combination of the space's choices, the last dimension varying fastest (an empty space has one point: the
 * base configuration). Every dimension must be a choice; {@code n}, the seed and the stage play no part.
 */
public final class GridSampler implements SpaceSampler {
    @Override
    public List<Map<SpaceParam, Object>> sample(SearchSpace space, int n, long sweepSeed, Stage stage) {
        List<Map<SpaceParam, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (SpaceDimension d : space.dimensions()) {
            if (!d.isChoice())
                throw new IllegalArgumentException("a grid needs choices, but " + d.param().key() + " is a range");
            List<Map<SpaceParam, Object>> next = new ArrayList<>();
            for (Map<SpaceParam, Object> p : out) {
                for (Object v : d.values()) {
                    Map<SpaceParam, Object> q = new LinkedHashMap<>(p);
                    q.put(d.param(), v);
                    next.add(q);
                }
            }
            out = next;
        }
        return out;
    }
}
