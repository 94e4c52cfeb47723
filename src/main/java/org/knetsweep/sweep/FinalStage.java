package org.knetsweep.sweep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knetsweep.config.FinalStageConfig;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.config.SaveModels;
import org.knetsweep.trial.FinalTest;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

/**
 * The final stage of a search: the best candidate retrained (with fresh-seed replicas when configured, on the
 * training split or on training + validation images), and its test accuracy over those networks.
 */
final class FinalStage {
    private FinalStage() {
    }

    /**
     * The final stage's trials, trained together in one Spark stage: {@code first} (final-000, the trial's own
     * seed, so it is what a single final run was) and its replicas final-000-r1, ... with fresh seeds from
     * {@link SeedPolicy}; each saves its network only with save-models = all, the first as configured.
     */
    static List<TrialSpec> specs(TrialSpec first, LoadedConfig config, long searchSeed, int slots, PrintStream out) {
        FinalStageConfig fin = config.finalStage();
        boolean refit = fin.refit() == FinalStageConfig.Refit.TRAIN_VALIDATION;
        int n = fin.replicasFor(slots);
        List<TrialSpec> specs = new ArrayList<>();
        specs.add(first.withRefit(refit));
        for (int r = 1; r < n; r++) {
            String id = first.trialId() + "-r" + r;
            specs.add(ReplicaScheduler.replicaOf(first, r, searchSeed,
                            config.sweep().failTrials().contains(id))
                    .withSaveModel(config.saveModels() == SaveModels.ALL).withRefit(refit));
        }
        out.printf(Locale.ROOT, "[final] %d network%s (knet.sweep.final.replicas = %s), trained on %s%n", n,
                n == 1 ? "" : "s", fin.replicasLabel(), refitDescription(fin.refit()));
        return specs;
    }

    /**
     * The final stage's test accuracy over its completed networks (final-000 and its replicas): mean, sd and 95%
     * Student-t interval ({@link ReplicaStats}); {@link FinalTest#NONE} when none completed.
     */
    static FinalTest test(List<TrialOutcome> trials, FinalStageConfig.Refit refit) {
        double[] values = trials.stream().filter(t -> t.stage() == Stage.FINAL)
                .filter(t -> t.status() == TrainingStatus.COMPLETE && !Double.isNaN(t.testAccuracy()))
                .mapToDouble(TrialOutcome::testAccuracy).toArray();
        if (values.length == 0) return FinalTest.NONE;
        ReplicaStats.Summary s = ReplicaStats.of(values);
        return new FinalTest(values.length, s.mean(), s.sd(), s.ciLow(), s.ciHigh(), refit.label());
    }

    /** The training images of a refit setting, as the summary and the report state them. */
    static String refitDescription(FinalStageConfig.Refit refit) {
        return refit == FinalStageConfig.Refit.TRAIN ? "the training split (knet.sweep.final.refit = train)"
                : "training + validation images (knet.sweep.final.refit = train+validation)";
    }
}
