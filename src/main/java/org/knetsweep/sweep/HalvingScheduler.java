package org.knetsweep.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.knetsweep.config.HalvingConfig;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

/**
 * A stage as successive halving: rung by rung, the trials entering a rung train up to its budget (continuing from
 * their previous rung), the best floor(n / eta) by validation accuracy go on, the others get their {@code trials}
 * row with status STOPPED. Every decision is a function of the stored rung rows, so a resumed sweep makes the same
 * ones. The stage's checkpoints are deleted when it is done.
 */
final class HalvingScheduler implements StageScheduler {
    private final StageContext ctx;
    private final HalvingConfig h;

    HalvingScheduler(StageContext ctx, HalvingConfig h) {
        this.ctx = ctx;
        this.h = h;
    }

    @Override
    public List<TrialOutcome> run(Stage stage, List<TrialSpec> specs) {
        String sweepId = ctx.sweepId;
        Map<String, List<Double>> budgets = new LinkedHashMap<>();
        for (TrialSpec s : specs)
            budgets.put(s.trialId(), SuccessiveHalving.rungCycles(h, s.run().training().cycles()));
        List<TrialSpec> entering = specs;
        for (int r = 0; r < h.rungs() && !entering.isEmpty(); r++) {
            int rung = r;
            boolean last = r == h.rungs() - 1;
            List<TrialSpec> rungSpecs = entering.stream().map(s -> s.atRung(new TrialSpec.Rung(rung,
                    budgets.get(s.trialId()).get(rung), last, h.restarts()))).toList();
            ctx.out.printf(Locale.ROOT, "[%s] rung %d/%d: %d trials to %s cycles%n", stage.label(), r, h.rungs() - 1,
                    rungSpecs.size(), format(budgets.get(rungSpecs.get(0).trialId()).get(r)));
            List<TrialSpec> pending = rungSpecs.stream()
                    .filter(s -> !ctx.store.hasRung(sweepId, s.trialId(), rung)).toList();
            ctx.train(stage, "rung " + r, rungSpecs.size(), pending);
            Set<String> ids = rungSpecs.stream().map(TrialSpec::trialId).collect(Collectors.toSet());
            List<TrialOutcome> rows = ctx.store.readRungs(sweepId).stream()
                    .filter(o -> o.rung() == rung && ids.contains(o.trialId())).toList();
            if (rows.size() != rungSpecs.size())
                throw new IllegalStateException("stage " + stage.label() + " rung " + r + ": " + rows.size()
                        + " stored rung rows, expected " + rungSpecs.size());
            if (last) break;
            List<TrialOutcome> open = rows.stream().filter(o -> !reachedFullBudget(o)).toList();
            List<SuccessiveHalving.Entry> entries = open.stream().map(o -> new SuccessiveHalving.Entry(o.trialId(),
                    o.trialIndex(), o.status() == TrainingStatus.COMPLETE ? o.valAccuracy() : Double.NaN)).toList();
            List<SuccessiveHalving.Entry> promoted = SuccessiveHalving.promote(entries, h.eta());
            Set<String> kept = promoted.stream().map(SuccessiveHalving.Entry::trialId).collect(Collectors.toSet());
            ctx.out.printf(Locale.ROOT, "[%s] rung %d: %d of %d go on: %s%n", stage.label(), r, promoted.size(),
                    entries.size(), promoted.stream().map(e -> String.format(Locale.ROOT, "%s %.4f", e.trialId(),
                            e.score())).toList());
            for (TrialOutcome o : open) {
                if (kept.contains(o.trialId()) || ctx.store.hasTrial(sweepId, o.trialId())) continue;
                ctx.store.writeTrialRow(o.status() == TrainingStatus.COMPLETE
                        ? o.withStatus(TrainingStatus.STOPPED, String.format(Locale.ROOT,
                        "stopped by successive halving after rung %d (val %.4f; %d of %d went on)", rung,
                        o.valAccuracy(), promoted.size(), entries.size()), List.of())
                        : o);
            }
            entering = specs.stream().filter(s -> kept.contains(s.trialId())).toList();
        }
        ctx.store.deleteCheckpoints(sweepId, stage.label() + "-");
        return ctx.stored(stage, specs);
    }

    /** True when a rung row's trial already finished its full budget (its {@code trials} row exists). */
    private boolean reachedFullBudget(TrialOutcome rungRow) {
        return rungRow.status() == TrainingStatus.COMPLETE && ctx.store.hasTrial(ctx.sweepId, rungRow.trialId());
    }

    private static String format(double cycles) {
        return String.format(Locale.ROOT, "%.3g", cycles);
    }
}
