package org.knetsweep.trial;

import java.io.Serializable;
import java.util.Locale;
import org.knetsweep.config.RunConfig;

/**
 * Everything an executor needs to run one trial: its identity, the complete training configuration (lambda, seed
 * and cycles already applied) and the data-split seed shared by the whole sweep. Small and serializable: this, not
 * tensors or sessions, is what Spark ships to executors.
 */
public record TrialSpec(String sweepId, Stage stage, int trialIndex, double log10Lambda, RunConfig run,
                        long dataSeed, boolean measureTest, String configHash, boolean injectFailure, int replica,
                        Rung rung, boolean saveModel, boolean refit) implements Serializable {
    /**
     * One rung of a successive-halving stage: train up to a budget of {@code cycles} cycles (rounded to whole epochs
     * where the task knows the training-set size), continuing from the checkpoint of rung {@code index - 1} (none
     * for rung 0); {@code last} is the full budget; {@code restart} (knet.sweep.halving.restarts): a rung below the
     * last is one triangular cycle of its own continuing the rung below, not the continuation of the trial's
     * schedule, and the last rung trains the trial from scratch on its own schedule ({@link #fresh}).
     */
    public record Rung(int index, double cycles, boolean last, boolean restart) implements Serializable {
        /** A rung that continues the trial's own schedule. */
        public Rung(int index, double cycles, boolean last) {
            this(index, cycles, last, false);
        }

        /**
         * The rung trains the trial from its first step on its own schedule (the last rung with restarts): its
         * figures are those of the trial trained whole, which the rungs below it, run as restarted cycles, are not.
         */
        public boolean fresh() {
            return last && restart && index > 0;
        }
    }

    /** A trial trained on the training split (see {@link #withRefit}). */
    public TrialSpec(String sweepId, Stage stage, int trialIndex, double log10Lambda, RunConfig run, long dataSeed,
                     boolean measureTest, String configHash, boolean injectFailure, int replica, Rung rung,
                     boolean saveModel) {
        this(sweepId, stage, trialIndex, log10Lambda, run, dataSeed, measureTest, configHash, injectFailure, replica,
                rung, saveModel, false);
    }

    /**
     * This spec, trained on the training plus the validation images ({@code knet.sweep.final.refit =
     * train+validation}) or on the training split only.
     */
    public TrialSpec withRefit(boolean value) {
        return new TrialSpec(sweepId, stage, trialIndex, log10Lambda, run, dataSeed, measureTest, configHash,
                injectFailure, replica, rung, saveModel, value);
    }

    /** A trial that saves no model (see {@link #withSaveModel}). */
    public TrialSpec(String sweepId, Stage stage, int trialIndex, double log10Lambda, RunConfig run, long dataSeed,
                     boolean measureTest, String configHash, boolean injectFailure, int replica, Rung rung) {
        this(sweepId, stage, trialIndex, log10Lambda, run, dataSeed, measureTest, configHash, injectFailure, replica,
                rung, false);
    }

    /** This spec, saving its trained network as a model artifact when it completes (or not). */
    public TrialSpec withSaveModel(boolean value) {
        return new TrialSpec(sweepId, stage, trialIndex, log10Lambda, run, dataSeed, measureTest, configHash,
                injectFailure, replica, rung, value, refit);
    }

    /** A plain trial: replica 0, whole run. */
    public TrialSpec(String sweepId, Stage stage, int trialIndex, double log10Lambda, RunConfig run, long dataSeed,
                     boolean measureTest, String configHash, boolean injectFailure) {
        this(sweepId, stage, trialIndex, log10Lambda, run, dataSeed, measureTest, configHash, injectFailure, 0, null);
    }

    /** Stable id, e.g. {@code coarse-003}, or {@code coarse-003-r2} for replica 2. */
    public String trialId() {
        return replica == 0 ? id(stage, trialIndex) : id(stage, trialIndex) + "-r" + replica;
    }

    /** This spec for one rung. */
    public TrialSpec atRung(Rung value) {
        return new TrialSpec(sweepId, stage, trialIndex, log10Lambda, run, dataSeed, measureTest, configHash,
                injectFailure, replica, value, saveModel, refit);
    }

    public static String id(Stage stage, int index) {
        return String.format(Locale.ROOT, "%s-%03d", stage.label(), index);
    }
}
