package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.Map;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.search.Observation;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/**
 * An adaptive stage of full-budget trials: decision i starts trial i at the point its {@link Proposer} gives from the
 * visible results (trials 0..i-1-lag) and the pending points, until the stage's trials are all started.
 */
final class TrialStreamPolicy implements AskTellLoop.Policy {
    private final int trials;
    private final Proposer proposer;
    private final BiFunction<Integer, Map<SpaceParam, Object>, TrialSpec> spec;
    private final List<Proposer.Proposal> proposals = new ArrayList<>();

    /** {@code spec} makes trial i's spec at a point. */
    TrialStreamPolicy(int trials, Proposer proposer, BiFunction<Integer, Map<SpaceParam, Object>, TrialSpec> spec) {
        this.trials = trials;
        this.proposer = proposer;
        this.spec = spec;
    }

    @Override
    public AskTellLoop.Decision decide(int event, List<TrialSummary> visible) {
        if (event >= trials) return AskTellLoop.Decision.DONE;
        List<Observation> completed = new ArrayList<>();
        List<double[]> pending = new ArrayList<>();
        if (proposer.adaptive()) {
            for (int j = 0; j < visible.size(); j++) completed.add(observation(proposals.get(j).x(), visible.get(j)));
            for (int j = visible.size(); j < event; j++) pending.add(proposals.get(j).x());
        }
        Proposer.Proposal p = proposer.propose(event, completed, pending);
        proposals.add(p);
        return AskTellLoop.Decision.start(spec.apply(event, p.point()));
    }

    /** A finished trial as a model sees it: loss = - validation accuracy; not complete or not finite: +infinity. */
    static Observation observation(double[] x, TrialSummary s) {
        boolean ok = s.status() == TrainingStatus.COMPLETE && Double.isFinite(s.valAccuracy());
        return new Observation(x, ok ? -s.valAccuracy() : Double.POSITIVE_INFINITY);
    }
}
