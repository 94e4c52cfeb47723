package org.knetsweep.config;

/**
 * The resolved configuration of one command: typed sections plus the resolved HOCON text (for provenance) and its
 * hash.
 *
 * @param saveModels which trained networks a sweep saves ({@code knet.sweep.save-models})
 */
public record LoadedConfig(RunConfig run, GradCheckConfig gradCheck, BenchConfig bench, String rendered,
                           String hash, SweepConfig sweep, SaveModels saveModels) {
    public LoadedConfig {
        if (saveModels == null) saveModels = SaveModels.FINAL;
    }

    /** A configuration that saves the final stage's network. */
    public LoadedConfig(RunConfig run, GradCheckConfig gradCheck, BenchConfig bench, String rendered, String hash,
                        SweepConfig sweep) {
        this(run, gradCheck, bench, rendered, hash, sweep, SaveModels.FINAL);
    }
}
