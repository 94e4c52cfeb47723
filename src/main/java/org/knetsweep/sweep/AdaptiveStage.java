package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.knetsweep.config.HalvingConfig;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/**
 * A search stage run as an ask/tell stream ({@link AskTellLoop}): full-budget trials proposed one at a time
 * ({@link TrialStreamPolicy}, e.g. TPE), or asynchronous successive halving ({@link AsyncHalvingPolicy}). Returns the
 * stage's stored outcomes, as the staged schedulers do.
 */
final class AdaptiveStage {
    private final StageContext ctx;
    private final int lag;

    AdaptiveStage(StageContext ctx, int lag) {
        this.ctx = ctx;
        this.lag = lag;
    }

    /** {@code n} full-budget trials, each at the point the proposer gives when its turn comes. */
    List<TrialOutcome> trials(Stage stage, int n, Proposer proposer,
                              BiFunction<Integer, Map<SpaceParam, Object>, TrialSpec> spec) {
        List<TrialSpec> started = new ArrayList<>();
        TrialStreamPolicy policy = new TrialStreamPolicy(n, proposer, spec);
        run(stage, "", n, false, policy, started);
        return ctx.stored(stage, started);
    }

    /** Asynchronous successive halving over {@code n} new trials; the stopped ones get their STOPPED row. */
    List<TrialOutcome> halving(Stage stage, int n, Proposer proposer,
                               BiFunction<Integer, Map<SpaceParam, Object>, TrialSpec> spec, HalvingConfig h,
                               int dims) {
        AsyncHalvingPolicy policy = new AsyncHalvingPolicy(n, proposer, spec, h, ctx.store, dims);
        ctx.out.printf(Locale.ROOT, "[%s] asynchronous successive halving: %d trials, %d rungs, eta %s, lag %d%n",
                stage.label(), n, h.rungs(), h.eta(), lag);
        double jobs = 0;
        for (int r = 0; r < h.rungs(); r++) jobs += n / Math.pow(h.eta(), r);
        // the progress counts rung jobs: an estimate (promotions are irreversible, so rungs can take more than 1/eta)
        run(stage, "asha", (int) Math.round(jobs), true, policy, new ArrayList<>());
        List<TrialSpec> trials = policy.trialSpecs();
        stopUnfinished(trials, h);
        ctx.store.deleteCheckpoints(ctx.sweepId, stage.label() + "-");
        return ctx.stored(stage, trials);
    }

    /** Runs the stream; {@code planned} is the number of jobs the progress line expects. */
    private void run(Stage stage, String part, int planned, boolean estimated, AskTellLoop.Policy policy,
                     List<TrialSpec> started) {
        Map<String, String> labels = new ConcurrentHashMap<>();
        long[] decideNs = {0};
        AskTellLoop.Policy labelled = (event, visible) -> {
            long d0 = System.nanoTime();
            AskTellLoop.Decision d = policy.decide(event, visible);
            decideNs[0] += System.nanoTime() - d0;
            if (d.start() != null) {
                labels.put(d.start().trialId(), ctx.varied.label(d.start()));
                if (d.start().rung() == null || d.start().rung().index() == 0) started.add(d.start());
            }
            return d;
        };
        StageProgress progress = new StageProgress(ctx.out, stage, planned, estimated, 10_000,
                s -> labels.getOrDefault(s.trialId(), VariedParams.lambdaLabel(s.log10Lambda())));
        long t0 = System.nanoTime();
        List<TrialSummary> results = new AskTellLoop(ctx.runner, ctx.store, lag).run(labelled, progress);
        long wallNs = System.nanoTime() - t0;
        ctx.record(stage, part, results, wallNs / 1_000_000);
        if (!results.isEmpty()) {
            ctx.out.printf(Locale.ROOT, "[%s] driver: %.2f ms of decisions (proposals, promotions) and %.1f ms of stage "
                            + "wall time per job, %d jobs%n", stage.label(), decideNs[0] / 1e6 / results.size(),
                    wallNs / 1e6 / results.size(), results.size());
        }
    }

    /** Each trial that stopped below the last rung gets its {@code trials} row from its highest rung row. */
    private void stopUnfinished(List<TrialSpec> trials, HalvingConfig h) {
        List<String> ids = trials.stream().map(TrialSpec::trialId).toList();
        List<TrialOutcome> rungs = ctx.store.readRungs(ctx.sweepId);
        for (String id : ids) {
            if (ctx.store.hasTrial(ctx.sweepId, id)) continue;
            Optional<TrialOutcome> top = rungs.stream().filter(o -> o.trialId().equals(id))
                    .max(Comparator.comparingInt(TrialOutcome::rung));
            if (top.isEmpty()) continue;
            TrialOutcome o = top.get();
            ctx.store.writeTrialRow(o.status() == TrainingStatus.COMPLETE ? o.withStatus(TrainingStatus.STOPPED,
                    String.format(Locale.ROOT, "stopped by asynchronous successive halving after rung %d of %d "
                            + "(val %.4f)", o.rung(), h.rungs() - 1, o.valAccuracy()), List.of()) : o);
        }
    }
}
