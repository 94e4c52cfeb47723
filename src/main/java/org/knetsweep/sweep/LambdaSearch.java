package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.knetsweep.config.SweepConfig;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * The coarse-then-fine random search over log10(lambda) of the report's section 4, as pure functions of the
 * configuration, the sweep seed and the stored results (so a resumed sweep proposes exactly the same values).
 * <ol>
 *   <li>coarse: n values uniform in [min, max];</li>
 *   <li>fine: with best1, best2 the two best coarse values by validation accuracy and d = |best1 - best2|
 *       (at least the configured minimum half-width), n values uniform in [best1 - d, best1 + d];</li>
 *   <li>final: the best value of all stages, retrained longer, with test accuracy.</li>
 * </ol>
 */
public final class LambdaSearch {
    /** A closed interval of log10(lambda). */
    public record Range(double min, double max) {
        public double sample(SplittableRandom rng) {
            return min + rng.nextDouble() * (max - min);
        }
    }

    private LambdaSearch() {
    }

    /** The coarse stage's values. */
    public static List<Double> coarse(SweepConfig cfg, long sweepSeed) {
        return sample(new Range(cfg.log10Min(), cfg.log10Max()), cfg.coarseTrials(),
                SeedPolicy.stageRandom(sweepSeed, Stage.COARSE));
    }

    /** The fine stage's range from single-run coarse results; empty when no coarse trial completed. */
    public static Optional<Range> fineRange(List<TrialOutcome> coarse, SweepConfig cfg) {
        return fineRangeOf(ranked(coarse).stream().map(TrialOutcome::log10Lambda).toList(), cfg);
    }

    /**
     * The fine stage's range around ranked log10(lambda) values (best first, see {@link Candidates#anchors}): with
     * best1, best2 the first two and d = |best1 - best2| (at least the configured minimum half-width),
     * [best1 - d, best1 + d]; empty when there is none.
     */
    public static Optional<Range> fineRangeOf(List<Double> anchors, SweepConfig cfg) {
        if (anchors.isEmpty()) return Optional.empty();
        double best = anchors.get(0);
        double d = anchors.size() > 1 ? Math.abs(best - anchors.get(1)) : 0;
        d = Math.max(d, cfg.fineMinHalfWidth());
        return Optional.of(new Range(best - d, best + d));
    }

    /** The fine stage's values within the range. */
    public static List<Double> fine(Range range, SweepConfig cfg, long sweepSeed) {
        return sample(range, cfg.fineTrials(), SeedPolicy.stageRandom(sweepSeed, Stage.FINE));
    }

    /** Completed trials, best validation accuracy first (ties: earlier stage, then lower trial index). */
    public static List<TrialOutcome> ranked(List<TrialOutcome> trials) {
        return trials.stream()
                .filter(t -> t.status() == TrainingStatus.COMPLETE && !Double.isNaN(t.valAccuracy()))
                .sorted(Comparator.comparingDouble(TrialOutcome::valAccuracy).reversed()
                        .thenComparing(TrialOutcome::stage)
                        .thenComparingInt(TrialOutcome::trialIndex))
                .toList();
    }

    /** The best completed trial, if any. */
    public static Optional<TrialOutcome> best(List<TrialOutcome> trials) {
        List<TrialOutcome> r = ranked(trials);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** {@code n} values uniform in the range. */
    public static List<Double> sample(Range range, int n, SplittableRandom rng) {
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(range.sample(rng));
        return out;
    }
}
