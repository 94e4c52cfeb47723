package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knetsweep.KnetException;
import org.knetsweep.config.HalvingConfig;

/**
 * The successive-halving policy as pure functions: the rung budgets of a trial and the promotion rule. Used by the
 * sweep driver to run a stage and by {@code knet replay} to simulate the policy on stored curves.
 *
 * <p>Budgets: with R rungs, a first budget of m cycles and a trial of C cycles, rung r ends after
 * {@code m * (C / m)^(r / (R - 1))} cycles, rounded to whole epochs (at least one); the last rung is the trial's full
 * run. Rungs that would not add an epoch are dropped. Promotion: of the n trials entering a rung, the
 * {@code max(1, floor(n / eta))} best by validation accuracy at the rung's end go on (ties: lower trial index);
 * trials without a finite score (diverged or failed) never do.
 */
public final class SuccessiveHalving {
    /** One trial's result at a rung: its validation accuracy there (NaN when it diverged or failed). */
    public record Entry(String trialId, int trialIndex, double score) {
        boolean eligible() {
            return Double.isFinite(score);
        }
    }

    private SuccessiveHalving() {
    }

    /**
     * The step counts at which the rungs of one trial end, increasing, the last being {@code totalSteps}.
     *
     * @param stepsPerCycle  2 n_s
     * @param stepsPerEpoch  training steps per epoch (rung ends fall on epoch ends)
     * @throws KnetException when the first budget is not below the trial's full budget
     */
    public static List<Long> rungSteps(HalvingConfig cfg, long totalSteps, long stepsPerCycle, long stepsPerEpoch) {
        if (totalSteps <= 0 || stepsPerCycle <= 0 || stepsPerEpoch <= 0)
            throw new IllegalArgumentException("non-positive step counts");
        List<Double> budgets = rungCycles(cfg, (double) totalSteps / stepsPerCycle);
        List<Long> steps = new ArrayList<>();
        for (int r = 0; r < budgets.size() - 1; r++) {
            long s = stepsFor(budgets.get(r), totalSteps, stepsPerCycle, stepsPerEpoch);
            if (s < totalSteps && (steps.isEmpty() || s > steps.get(steps.size() - 1))) steps.add(s);
        }
        steps.add(totalSteps);
        return List.copyOf(steps);
    }

    /**
     * The rung budgets in cycles for a trial of {@code fullCycles} cycles: {@code rungs} values growing geometrically
     * from the first budget, the last being {@code fullCycles}.
     *
     * @throws KnetException when the first budget is not below the full budget
     */
    public static List<Double> rungCycles(HalvingConfig cfg, double fullCycles) {
        if (!(cfg.minBudget() < fullCycles))
            throw new KnetException(String.format(Locale.ROOT, "invalid value for knet.sweep.halving.min-budget: %s "
                    + "(expected fewer cycles than a trial's full budget of %s cycles)", cfg.minBudget(), fullCycles));
        List<Double> budgets = new ArrayList<>();
        for (int r = 0; r < cfg.rungs() - 1; r++) {
            budgets.add(cfg.minBudget() * Math.pow(fullCycles / cfg.minBudget(), (double) r / (cfg.rungs() - 1)));
        }
        budgets.add(fullCycles);
        return List.copyOf(budgets);
    }

    /**
     * The step at which a budget of {@code cycles} ends: rounded to whole epochs, at least one epoch, at most
     * {@code totalSteps}.
     */
    public static long stepsFor(double cycles, long totalSteps, long stepsPerCycle, long stepsPerEpoch) {
        long epochs = Math.max(1, Math.round(cycles * stepsPerCycle / stepsPerEpoch));
        return Math.min(totalSteps, epochs * stepsPerEpoch);
    }

    /** How many of {@code entering} trials a rung promotes: {@code max(1, floor(entering / eta))}. */
    public static int keep(int entering, double eta) {
        return entering == 0 ? 0 : Math.max(1, (int) Math.floor(entering / eta + 1e-9));
    }

    /** The entries ranked best first: finite scores by decreasing score, then lower trial index. */
    public static List<Entry> ranked(List<Entry> entries) {
        return entries.stream().filter(Entry::eligible)
                .sorted(Comparator.comparingDouble(Entry::score).reversed().thenComparingInt(Entry::trialIndex))
                .toList();
    }

    /** The entries promoted to the next rung, best first. */
    public static List<Entry> promote(List<Entry> entering, double eta) {
        List<Entry> ranked = ranked(entering);
        return ranked.subList(0, Math.min(ranked.size(), keep(entering.size(), eta)));
    }
}
