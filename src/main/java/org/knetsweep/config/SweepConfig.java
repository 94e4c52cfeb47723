package org.knetsweep.config;

import java.io.Serializable;
import java.util.List;

/**
 * The coarse-then-fine random search over log10(lambda) of the report's section 4, and where its results go.
 * Every trial trains the network of {@code knet.network} with {@code knet.training} (lambda replaced by the trial's).
 *
 * @param name                 a label stored with the sweep
 * @param coarseTrials         trials of the coarse stage, log10(lambda) uniform in [log10Min, log10Max]
 * @param log10Min             lower end of the coarse range
 * @param log10Max             upper end of the coarse range
 * @param fineTrials           trials of the fine stage (0: no fine stage), uniform in [best - d, best + d] where d is
 *                             the distance between the two best coarse values
 * @param fineMinHalfWidth     lower bound of d, so that two nearly equal coarse winners cannot collapse the range
 * @param finalEnabled         retrain the best lambda of all stages and measure test accuracy
 * @param finalCycles          cycles of that final training
 * @param failTrials           trial ids that throw on purpose (a testing hook; empty in normal use)
 * @param resultsRoot          folder or Hadoop URI of the Parquet tables
 * @param sparkMaster          Spark master when neither --master nor spark-submit gives one
 * @param mode                 LAMBDA_SEARCH (coarse, fine, final) or GRID (one stage of the grid's points)
 * @param grid                 the grid of a GRID sweep
 * @param halving              successive halving of the coarse, fine and grid stages
 * @param replicas             fresh-seed re-runs of each of the top {@code replicasTopK} candidates of a stage
 *                             (0: none); the final choice then uses the candidates' mean validation accuracy
 * @param replicasTopK         candidates re-run per stage
 * @param edge                 the range-edge guard of the coarse stage
 */
public record SweepConfig(String name, int coarseTrials, double log10Min, double log10Max, int fineTrials,
                          double fineMinHalfWidth, boolean finalEnabled, int finalCycles, List<String> failTrials,
                          String resultsRoot, String sparkMaster, Mode mode, GridConfig grid, HalvingConfig halving,
                          int replicas, int replicasTopK, EdgeGuardConfig edge) implements Serializable {
    /** What a sweep runs. */
    public enum Mode {
        LAMBDA_SEARCH, GRID;

        public static Mode parse(String key, String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "lambda-search" -> LAMBDA_SEARCH;
                case "grid" -> GRID;
                default -> throw Checks.invalid(key, value, "lambda-search or grid");
            };
        }

        public String label() {
            return this == GRID ? "grid" : "lambda-search";
        }
    }

    /** A sweep without halving, replicas or edge extension (the guard warns at the outer 10%). */
    public SweepConfig(String name, int coarseTrials, double log10Min, double log10Max, int fineTrials,
                       double fineMinHalfWidth, boolean finalEnabled, int finalCycles, List<String> failTrials,
                       String resultsRoot, String sparkMaster, Mode mode, GridConfig grid) {
        this(name, coarseTrials, log10Min, log10Max, fineTrials, fineMinHalfWidth, finalEnabled, finalCycles,
                failTrials, resultsRoot, sparkMaster, mode, grid, HalvingConfig.OFF, 0, 3, EdgeGuardConfig.DEFAULT);
    }

    public SweepConfig {
        if (halving == null) halving = HalvingConfig.OFF;
        if (edge == null) edge = EdgeGuardConfig.DEFAULT;
        Checks.nonNegative("knet.sweep.replicas", replicas);
        Checks.positive("knet.sweep.replicas-top-k", replicasTopK);
        if (mode == null) throw Checks.invalid("knet.sweep.mode", null, "lambda-search or grid");
        if (grid == null) grid = new GridConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        if (name == null || name.isBlank()) throw Checks.invalid("knet.sweep.name", "\"\"", "a non-empty name");
        Checks.positive("knet.sweep.coarse.trials", coarseTrials);
        if (!Double.isFinite(log10Min)) throw Checks.invalid("knet.sweep.coarse.log10-lambda-min", log10Min, "a finite number");
        if (!(log10Max > log10Min) || !Double.isFinite(log10Max))
            throw Checks.invalid("knet.sweep.coarse.log10-lambda-max", log10Max,
                    "a finite number above knet.sweep.coarse.log10-lambda-min (" + log10Min + ")");
        if (fineTrials < 0) throw Checks.invalid("knet.sweep.fine.trials", fineTrials, "a non-negative integer (0: no fine stage)");
        Checks.nonNegative("knet.sweep.fine.min-half-width", fineMinHalfWidth);
        Checks.positive("knet.sweep.final.cycles", finalCycles);
        failTrials = failTrials == null ? List.of() : List.copyOf(failTrials);
        if (resultsRoot == null || resultsRoot.isBlank())
            throw Checks.invalid("knet.results.root", "\"\"", "a folder or a Hadoop URI (file://, hdfs://, s3a://)");
        if (sparkMaster == null || sparkMaster.isBlank())
            throw Checks.invalid("knet.spark.master", "\"\"", "a Spark master URL such as local[*]");
    }
}
