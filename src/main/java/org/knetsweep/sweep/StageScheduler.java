package org.knetsweep.sweep;

import java.util.List;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

/**
 * Runs the trials a stage strategy proposed and returns their stored outcomes: {@link FullBudget} trains each in
 * full, {@link HalvingScheduler} as successive halving, {@link ReplicaScheduler} adds fresh-seed re-runs of the top
 * candidates to another scheduler's result. Trials already stored are never trained again.
 */
interface StageScheduler {
    List<TrialOutcome> run(Stage stage, List<TrialSpec> specs);

    /** Every trial trained to its full budget. */
    final class FullBudget implements StageScheduler {
        private final StageContext ctx;
        private final String part;

        FullBudget(StageContext ctx, String part) {
            this.ctx = ctx;
            this.part = part;
        }

        @Override
        public List<TrialOutcome> run(Stage stage, List<TrialSpec> specs) {
            List<TrialSpec> pending = specs.stream().filter(s -> !ctx.store.hasTrial(ctx.sweepId, s.trialId()))
                    .toList();
            ctx.train(stage, part, specs.size(), pending);
            return ctx.stored(stage, specs);
        }
    }
}
