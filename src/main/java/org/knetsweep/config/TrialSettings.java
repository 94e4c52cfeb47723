package org.knetsweep.config;

import java.util.List;

/**
 * The network and training settings of one trial while a point of a search space is applied to the base run, one
 * {@link SpaceParam} at a time ({@link SpaceParam#applyTo}). The learning-rate range is set once at the end, so that
 * a point may move eta-min above the base eta-max (or the reverse) as long as the pair it ends with is valid.
 */
final class TrialSettings {
    NetworkConfig network;
    TrainingConfig training;
    double etaMin;
    double etaMax;

    TrialSettings(RunConfig base) {
        this.network = base.network();
        this.training = base.training();
        this.etaMin = training.etaMin();
        this.etaMax = training.etaMax();
    }

    /** The run with the applied settings. */
    RunConfig applied(RunConfig base) {
        TrainingConfig t = training;
        if (etaMin != t.etaMin() || etaMax != t.etaMax()) t = t.withEtaRange(etaMin, etaMax);
        return base.withNetwork(network).withTraining(t);
    }

    @SuppressWarnings("unchecked")
    static List<Integer> intList(Object v) {
        return (List<Integer>) v;
    }
}
