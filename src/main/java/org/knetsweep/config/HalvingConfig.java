package org.knetsweep.config;

import java.io.Serializable;

/**
 * Successive halving of a search stage (Jamieson and Talwalkar 2016): every trial trains for the first rung's budget,
 * the best 1/eta by validation accuracy go on to the next rung, and so on up to the full budget. Budgets grow
 * geometrically from {@code minBudget} cycles to the trial's full number of cycles over {@code rungs} rungs, each
 * rounded to whole epochs. A promoted trial resumes from its state at the end of the previous rung.
 *
 * @param enabled   run the coarse, fine and grid stages as successive halving
 * @param rungs     number of rungs, the last one being the full budget (at least 2)
 * @param eta       keep the best floor(n / eta) of the n trials entering a rung (at least one); above 1
 * @param minBudget budget of the first rung, in cycles (fractions allowed); above 0 and below the full budget
 * @param asynchronous asynchronous successive halving (ASHA, Li et al. 2020) instead of rung by rung: a trial is
 *                  promoted as soon as it is among the best 1/eta of the trials finished at its rung, and free slots
 *                  start new trials rather than wait for a rung to fill; needs {@code enabled}
 * @param restarts  each rung below the last is one triangular cycle of its own continuing the rung before (a warm
 *                  restart: the rate climbs from eta-min to eta-max and is back at eta-min at the rung's end), so that
 *                  every rung judges its trials at the end of a cycle, not partway up the trial's one cycle; the last
 *                  rung trains the trial afresh on its own schedule (its row is the trial trained whole); false: a
 *                  promoted trial continues its own schedule and ends bit for bit as an unstopped trial; needs
 *                  {@code enabled}
 */
public record HalvingConfig(boolean enabled, int rungs, double eta, double minBudget, boolean asynchronous,
                            boolean restarts) implements Serializable {
    /** Halving switched off, with the reference defaults. */
    public static final HalvingConfig OFF = new HalvingConfig(false, 3, 3, 0.5);

    /** Rung-by-rung (synchronous) successive halving. */
    public HalvingConfig(boolean enabled, int rungs, double eta, double minBudget) {
        this(enabled, rungs, eta, minBudget, false);
    }

    /** Successive halving whose promoted trials continue their own schedule (no restarts). */
    public HalvingConfig(boolean enabled, int rungs, double eta, double minBudget, boolean asynchronous) {
        this(enabled, rungs, eta, minBudget, asynchronous, false);
    }

    /** True for asynchronous successive halving (ASHA). */
    public boolean isAsynchronous() {
        return enabled && asynchronous;
    }

    public HalvingConfig {
        if (asynchronous && !enabled)
            throw Checks.invalid("knet.sweep.halving.asynchronous", true, "false unless knet.sweep.halving.enabled = "
                    + "true (asynchronous successive halving is a form of halving)");
        if (restarts && !enabled)
            throw Checks.invalid("knet.sweep.halving.restarts", true, "false unless knet.sweep.halving.enabled = "
                    + "true (restarts are the schedule of halving's rungs)");
        if (rungs < 2) throw Checks.invalid("knet.sweep.halving.rungs", rungs, "an integer of at least 2");
        if (!(eta > 1) || !Double.isFinite(eta)) throw Checks.invalid("knet.sweep.halving.eta", eta, "a number above 1");
        if (!(minBudget > 0) || !Double.isFinite(minBudget))
            throw Checks.invalid("knet.sweep.halving.min-budget", minBudget, "a positive number of cycles");
    }

    /**
     * The rung that trains each trial it reaches from scratch on the trial's own schedule: the last one with
     * {@code restarts} (its rows' steps and epochs are that run's alone); -1 when every rung continues the one below.
     */
    public int freshRung() {
        return enabled && restarts ? rungs - 1 : -1;
    }
}
