package org.knetsweep.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hyperparameters a sweep searches ({@code knet.sweep.space}), in declaration order; each parameter at most once.
 * Samplers draw points of it; a point applied to the base run configuration gives a trial's configuration.
 */
public record SearchSpace(List<SpaceDimension> dimensions) implements Serializable {
    /** The HOCON path of a space. */
    public static final String PATH = "knet.sweep.space";

    public SearchSpace {
        dimensions = List.copyOf(dimensions);
        Set<SpaceParam> seen = EnumSet.noneOf(SpaceParam.class);
        for (SpaceDimension d : dimensions) {
            if (!seen.add(d.param())) throw Checks.invalid(PATH + "." + d.param().key(), "twice", "once");
        }
    }

    public boolean isEmpty() {
        return dimensions.isEmpty();
    }

    /** The dimension of a parameter, if the space has one. */
    public Optional<SpaceDimension> dimension(SpaceParam param) {
        return dimensions.stream().filter(d -> d.param() == param).findFirst();
    }

    /** True when every dimension is a choice (a space a grid can enumerate). */
    public boolean allChoices() {
        return dimensions.stream().allMatch(SpaceDimension::isChoice);
    }

    /** This space with one dimension replaced (or appended when the parameter was not in it). */
    public SearchSpace with(SpaceDimension dimension) {
        List<SpaceDimension> out = new ArrayList<>();
        boolean replaced = false;
        for (SpaceDimension d : dimensions) {
            if (d.param() == dimension.param()) {
                out.add(dimension);
                replaced = true;
            } else {
                out.add(d);
            }
        }
        if (!replaced) out.add(dimension);
        return new SearchSpace(out);
    }

    /** The point at unit coordinates {@code u} (one per dimension, in order). */
    public Map<SpaceParam, Object> at(double[] u) {
        Map<SpaceParam, Object> point = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) point.put(dimensions.get(i).param(), dimensions.get(i).at(u[i]));
        return point;
    }

    /**
     * The run configuration of a point: the base with each of the point's parameters replaced. lambda = 10^log10-lambda
     * when the point has it (the one place a linear lambda is derived), else the base lambda. A value the run's
     * records reject (e.g. eta-min above eta-max) fails naming the space key.
     */
    public static RunConfig apply(Map<SpaceParam, Object> point, RunConfig base) {
        try {
            TrialSettings settings = new TrialSettings(base);
            for (Map.Entry<SpaceParam, Object> e : point.entrySet()) e.getKey().applyTo(settings, e.getValue());
            return settings.applied(base);
        } catch (org.knetsweep.KnetException e) {
            throw new org.knetsweep.KnetException(e.getMessage().replace("knet.network.", PATH + ".")
                    .replace("knet.training.", PATH + "."), e);
        }
    }

    /** lambda from log10(lambda): the one conversion of the sweep. */
    public static double linearLambda(double log10Lambda) {
        return Math.pow(10, log10Lambda);
    }

    /** The space as HOCON, one line per parameter (empty for an empty space). */
    public String hocon() {
        if (dimensions.isEmpty()) return "";
        StringBuilder b = new StringBuilder("space {\n");
        for (SpaceDimension d : dimensions) b.append("  ").append(d.param().key()).append(" = ").append(d.hocon())
                .append('\n');
        return b.append("}\n").toString();
    }
}
