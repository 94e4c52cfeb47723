package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceDimension;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.search.EncodedDim;

/**
 * A search space as a model-based sampler sees it: one coordinate per dimension. A uniform or log-uniform range is
 * the unit interval on its own scale (log10 for log-uniform), an int-uniform range the unit interval with one level
 * per integer (level k at (k + 0.5) / levels), a choice the index of its value. {@link #point} turns coordinates
 * back into the parameters' values through {@link SpaceDimension#at}, the same map every sampler uses.
 */
final class SpaceEncoding {
    private final SearchSpace space;
    private final List<EncodedDim> dims;

    SpaceEncoding(SearchSpace space) {
        this.space = space;
        List<EncodedDim> out = new ArrayList<>();
        for (SpaceDimension d : space.dimensions()) out.add(encoded(d));
        this.dims = List.copyOf(out);
    }

    private static EncodedDim encoded(SpaceDimension d) {
        String name = d.param().key();
        return switch (d.kind()) {
            case UNIFORM, LOG_UNIFORM -> new EncodedDim(name, EncodedDim.Type.CONTINUOUS, 0);
            case INT_UNIFORM -> new EncodedDim(name, EncodedDim.Type.INTEGER, levels(d));
            case CHOICE -> new EncodedDim(name, EncodedDim.Type.CATEGORICAL, d.values().size());
        };
    }

    private static int levels(SpaceDimension d) {
        return (int) (d.max() - d.min()) + 1;
    }

    List<EncodedDim> dims() {
        return dims;
    }

    /** The coordinates of a point of the unit cube (a Sobol or random draw), as {@link SearchSpace#at} reads it. */
    double[] fromUnit(double[] u) {
        double[] x = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            EncodedDim d = dims.get(i);
            x[i] = switch (d.type()) {
                case CONTINUOUS -> u[i];
                case INTEGER -> (Math.min(d.levels() - 1, Math.floor(u[i] * d.levels())) + 0.5) / d.levels();
                case CATEGORICAL -> Math.min(d.levels() - 1, Math.floor(u[i] * d.levels()));
            };
        }
        return x;
    }

    /** The parameters' values at coordinates {@code x}. */
    Map<SpaceParam, Object> point(double[] x) {
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            EncodedDim d = dims.get(i);
            double v = d.type() == EncodedDim.Type.CATEGORICAL ? (x[i] + 0.5) / d.levels() : x[i];
            u[i] = Math.min(Math.max(v, 0), 1);
        }
        return space.at(u);
    }
}
