package org.knetsweep.config;

/**
 * The resolved configuration of one command: typed sections plus the resolved HOCON text (for provenance) and its
 * hash.
 */
public record LoadedConfig(RunConfig run, GradCheckConfig gradCheck, BenchConfig bench, String rendered,
                           String hash, SweepConfig sweep) {
}
