package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knetsweep.config.RunConfig;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

/**
 * Another scheduler's trials, then {@code replicas} fresh-seed re-runs (trained in full) of each of its top
 * {@code topK} candidates by validation accuracy.
 */
final class ReplicaScheduler implements StageScheduler {
    private final StageScheduler inner;
    private final StageContext ctx;
    private final int replicas;
    private final int topK;
    private final long sweepSeed;
    private final List<String> failTrials;

    ReplicaScheduler(StageScheduler inner, StageContext ctx, int replicas, int topK, long sweepSeed,
                     List<String> failTrials) {
        this.inner = inner;
        this.ctx = ctx;
        this.replicas = replicas;
        this.topK = topK;
        this.sweepSeed = sweepSeed;
        this.failTrials = failTrials;
    }

    @Override
    public List<TrialOutcome> run(Stage stage, List<TrialSpec> specs) {
        List<TrialOutcome> outcomes = new ArrayList<>(inner.run(stage, specs));
        List<TrialOutcome> top = Candidates.topForReplicas(stage, outcomes, topK);
        List<TrialSpec> runs = new ArrayList<>();
        for (TrialOutcome t : top) {
            TrialSpec first = specs.get(t.trialIndex());
            for (int r = 1; r <= replicas; r++) runs.add(replicaOf(first, r));
        }
        if (!runs.isEmpty()) {
            ctx.out.printf(Locale.ROOT, "[%s] replicas: %d fresh seeds for each of %s%n", stage.label(), replicas,
                    top.stream().map(TrialOutcome::trialId).toList());
            outcomes.addAll(new FullBudget(ctx, "replicas").run(stage, runs));
        }
        return outcomes;
    }

    /** Replica {@code r} of a trial: the same hyperparameters with a fresh seed, trained in full. */
    private TrialSpec replicaOf(TrialSpec first, int r) {
        RunConfig cfg = first.run().withSeed(SeedPolicy.replicaSeed(sweepSeed, first.stage(), first.trialIndex(), r));
        String id = TrialSpec.id(first.stage(), first.trialIndex()) + "-r" + r;
        return new TrialSpec(first.sweepId(), first.stage(), first.trialIndex(), first.log10Lambda(), cfg,
                first.dataSeed(), first.measureTest(), first.configHash(), failTrials.contains(id), r, null)
                .withSaveModel(first.saveModel());
    }
}
