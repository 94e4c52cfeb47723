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
 * @param space                the searched parameters ({@code knet.sweep.space}); when that is empty, the space the
 *                             older keys describe: log10-lambda uniform in [log10Min, log10Max], or for a GRID sweep
 *                             the grid's lists as choices (see {@link #effectiveSpace})
 * @param sampler              how a stage draws points of the space (always GRID in a GRID sweep)
 * @param tpe                  the TPE sampler's settings and the lag of adaptive stages (TPE, asynchronous halving)
 * @param searchSeed           the seed of the search ({@code knet.sweep.search-seed}): the samplers' draws, TPE's and
 *                             the trials' seeds; null for knet.seed. The data split always follows knet.seed, so
 *                             searches with different search seeds are compared on the same validation images
 */
public record SweepConfig(String name, int coarseTrials, double log10Min, double log10Max, int fineTrials,
                          double fineMinHalfWidth, boolean finalEnabled, int finalCycles, List<String> failTrials,
                          String resultsRoot, String sparkMaster, Mode mode, GridConfig grid, HalvingConfig halving,
                          int replicas, int replicasTopK, EdgeGuardConfig edge, SearchSpace space,
                          Sampler sampler, TpeConfig tpe, Long searchSeed) implements Serializable {
    /** How a stage draws the points of a space. */
    public enum Sampler {
        /** Independent uniform draws (the default; the report's lambda search). */
        RANDOM,
        /** A scrambled Sobol low-discrepancy sequence. */
        SOBOL,
        /** Every combination of the space's choices (all its parameters must be choices). */
        GRID,
        /** Tree-structured Parzen Estimator: each point proposed from the results so far (docs/tpe.md). */
        TPE;

        public static Sampler parse(String key, String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "random" -> RANDOM;
                case "sobol" -> SOBOL;
                case "grid" -> GRID;
                case "tpe" -> TPE;
                default -> throw Checks.invalid(key, value, "random, sobol, grid or tpe");
            };
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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

    /** A sweep over the space the older keys describe, drawn at random (or as a grid for a GRID sweep). */
    public SweepConfig(String name, int coarseTrials, double log10Min, double log10Max, int fineTrials,
                       double fineMinHalfWidth, boolean finalEnabled, int finalCycles, List<String> failTrials,
                       String resultsRoot, String sparkMaster, Mode mode, GridConfig grid, HalvingConfig halving,
                       int replicas, int replicasTopK, EdgeGuardConfig edge) {
        this(name, coarseTrials, log10Min, log10Max, fineTrials, fineMinHalfWidth, finalEnabled, finalCycles,
                failTrials, resultsRoot, sparkMaster, mode, grid, halving, replicas, replicasTopK, edge, null, null);
    }

    /** A sweep with the default TPE settings (used only when the sampler is TPE or halving is asynchronous). */
    public SweepConfig(String name, int coarseTrials, double log10Min, double log10Max, int fineTrials,
                       double fineMinHalfWidth, boolean finalEnabled, int finalCycles, List<String> failTrials,
                       String resultsRoot, String sparkMaster, Mode mode, GridConfig grid, HalvingConfig halving,
                       int replicas, int replicasTopK, EdgeGuardConfig edge, SearchSpace space, Sampler sampler) {
        this(name, coarseTrials, log10Min, log10Max, fineTrials, fineMinHalfWidth, finalEnabled, finalCycles,
                failTrials, resultsRoot, sparkMaster, mode, grid, halving, replicas, replicasTopK, edge, space, sampler,
                null, null);
    }

    /** The seed of the search: {@link #searchSeed} when set, else {@code runSeed} (knet.seed). */
    public long searchSeed(long runSeed) {
        return searchSeed == null ? runSeed : searchSeed;
    }

    public SweepConfig {
        if (space == null) space = new SearchSpace(List.of());
        if (sampler == null || mode == Mode.GRID) sampler = mode == Mode.GRID ? Sampler.GRID : Sampler.RANDOM;
        if (halving == null) halving = HalvingConfig.OFF;
        if (edge == null) edge = EdgeGuardConfig.DEFAULT;
        if (tpe == null) tpe = TpeConfig.DEFAULT;
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
        SearchSpace effective = space.isEmpty() ? legacySpace(mode, log10Min, log10Max, grid) : space;
        if ((mode == Mode.GRID || sampler == Sampler.GRID) && !effective.allChoices())
            throw Checks.invalid(SearchSpace.PATH, "a range parameter", "only choice parameters for a grid ("
                    + effective.dimensions().stream().filter(d -> !d.isChoice()).map(d -> d.param().key()).toList()
                    + " are ranges)");
        if (mode == Mode.LAMBDA_SEARCH && effective.isEmpty())
            throw Checks.invalid(SearchSpace.PATH, "{}", "at least one parameter");
        if (sampler == Sampler.TPE && effective.dimensions().stream().noneMatch(SpaceDimension::varies))
            throw Checks.invalid(SearchSpace.PATH, effective.hocon().isEmpty() ? "{}" : "a space that varies nothing",
                    "at least one range or choice of two or more values for the tpe sampler");
        if (adaptive() && replicas > 0)
            throw Checks.invalid("knet.sweep.replicas", replicas, "0 with an adaptive stage (sampler tpe or "
                    + "asynchronous halving); replicas run with the staged samplers");
    }

    /** True when the search stages run as ask/tell streams: TPE, or asynchronous successive halving. */
    public boolean adaptive() {
        return mode == Mode.LAMBDA_SEARCH && (sampler == Sampler.TPE || halving.isAsynchronous());
    }

    /**
     * The space the sweep searches: {@link #space} when given, else the one of the older keys: for a lambda search
     * log10-lambda uniform in [log10Min, log10Max]; for a grid the non-empty grid lists as choices, in the grid's
     * order (hidden, batch-norm, init, init-sigma, log10-lambda, cycles).
     */
    public SearchSpace effectiveSpace() {
        return space.isEmpty() ? legacySpace(mode, log10Min, log10Max, grid) : space;
    }

    private static SearchSpace legacySpace(Mode mode, double log10Min, double log10Max, GridConfig grid) {
        if (mode == Mode.LAMBDA_SEARCH)
            return new SearchSpace(List.of(SpaceDimension.range(SpaceParam.LOG10_LAMBDA,
                    SpaceDimension.Kind.UNIFORM, log10Min, log10Max)));
        List<SpaceDimension> dims = new java.util.ArrayList<>();
        if (!grid.hidden().isEmpty()) dims.add(SpaceDimension.choice(SpaceParam.HIDDEN, grid.hidden()));
        if (!grid.batchNorm().isEmpty()) dims.add(SpaceDimension.choice(SpaceParam.BATCH_NORM, grid.batchNorm()));
        if (!grid.init().isEmpty()) dims.add(SpaceDimension.choice(SpaceParam.INIT, grid.init()));
        if (!grid.initSigma().isEmpty()) dims.add(SpaceDimension.choice(SpaceParam.INIT_SIGMA, grid.initSigma()));
        if (!grid.log10Lambda().isEmpty())
            dims.add(SpaceDimension.choice(SpaceParam.LOG10_LAMBDA, grid.log10Lambda()));
        if (!grid.cycles().isEmpty()) dims.add(SpaceDimension.choice(SpaceParam.CYCLES, grid.cycles()));
        return new SearchSpace(dims);
    }
}
