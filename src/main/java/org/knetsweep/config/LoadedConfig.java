package org.knetsweep.config;

/**
 * The resolved configuration of one command: typed sections plus the resolved HOCON text (for provenance) and its
 * hash.
 *
 * @param saveModels          which trained networks a sweep saves ({@code knet.sweep.save-models})
 * @param leaseTimeoutSeconds after how long without renewal a sweep driver's lease may be taken over
 *                            ({@code knet.sweep.lease-timeout})
 * @param finalStage          replicas and refit of the final stage ({@code knet.sweep.final.replicas, refit})
 */
public record LoadedConfig(RunConfig run, GradCheckConfig gradCheck, BenchConfig bench, String rendered,
                           String hash, SweepConfig sweep, SaveModels saveModels, int leaseTimeoutSeconds,
                           FinalStageConfig finalStage) {
    /** The default of {@code knet.sweep.lease-timeout}. */
    public static final int DEFAULT_LEASE_TIMEOUT = 60;

    public LoadedConfig {
        if (saveModels == null) saveModels = SaveModels.FINAL;
        if (finalStage == null) finalStage = FinalStageConfig.DEFAULT;
        Checks.positive("knet.sweep.lease-timeout", leaseTimeoutSeconds);
    }

    /** A configuration with the default final stage (auto replicas, trained on the training split). */
    public LoadedConfig(RunConfig run, GradCheckConfig gradCheck, BenchConfig bench, String rendered, String hash,
                        SweepConfig sweep, SaveModels saveModels, int leaseTimeoutSeconds) {
        this(run, gradCheck, bench, rendered, hash, sweep, saveModels, leaseTimeoutSeconds, FinalStageConfig.DEFAULT);
    }

    /** This configuration with another final stage. */
    public LoadedConfig withFinalStage(FinalStageConfig value) {
        return new LoadedConfig(run, gradCheck, bench, rendered, hash, sweep, saveModels, leaseTimeoutSeconds, value);
    }

    /** A configuration with the default lease timeout. */
    public LoadedConfig(RunConfig run, GradCheckConfig gradCheck, BenchConfig bench, String rendered, String hash,
                        SweepConfig sweep, SaveModels saveModels) {
        this(run, gradCheck, bench, rendered, hash, sweep, saveModels, DEFAULT_LEASE_TIMEOUT);
    }

    /** A configuration that saves the final stage's network. */
    public LoadedConfig(RunConfig run, GradCheckConfig gradCheck, BenchConfig bench, String rendered, String hash,
                        SweepConfig sweep) {
        this(run, gradCheck, bench, rendered, hash, sweep, SaveModels.FINAL);
    }
}
