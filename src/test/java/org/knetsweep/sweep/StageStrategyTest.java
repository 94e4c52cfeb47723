package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceDimension;
import org.knetsweep.config.SpaceDimension.Kind;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.config.SweepConfig;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/** The stage strategies on synthetic outcomes. */
class StageStrategyTest {
    /** A completed coarse trial at the given settings. */
    static TrialOutcome trial(int index, double log10Lambda, double etaMax, boolean batchNorm, double val) {
        return TrialOutcome.builder("s", Stage.COARSE, String.format("coarse-%03d", index), index)
                .lambda(log10Lambda, Math.pow(10, log10Lambda)).hidden(List.of(12, 8)).batchNorm(batchNorm).init("he")
                .initSigma(0.1).seed(1L).cycles(1).epochs(5).steps(100).status(TrainingStatus.COMPLETE)
                .valAccuracy(val).bestValAccuracy(val).valCost(1).valLoss(1).trainAccuracy(0.5).trainCost(1)
                .trainLoss(1).wallMs(10).executorId("e").host("h").configHash("x").etaMin(1e-5).etaMax(etaMax)
                .stepSize(20).batchSize(20).build();
    }

    @Test
    void oneDimensionalFineRangeIsTheReportsRule() {
        SweepConfig cfg = new SweepConfig("t", 5, -3, -1, 10, 0.05, true, 3, List.of(), "r", "local[2]",
                SweepConfig.Mode.LAMBDA_SEARCH, null);
        List<TrialOutcome> coarse = List.of(trial(0, -2.5, 0.1, true, 0.40), trial(1, -2.0, 0.1, true, 0.45),
                trial(2, -1.2, 0.1, true, 0.43));
        LambdaSearch.Range report = LambdaSearch.fineRange(coarse, cfg).orElseThrow();
        SearchSpace fine = StageStrategy.fineSpace(cfg.effectiveSpace(), LambdaSearch.ranked(coarse), 0.05)
                .orElseThrow();
        SpaceDimension d = fine.dimensions().get(0);
        assertEquals(report.min(), d.min(), 0.0);
        assertEquals(report.max(), d.max(), 0.0);
        List<Double> reportValues = LambdaSearch.fine(report, cfg, 42);
        List<Double> values = StageStrategy.fine(fine, new RandomSampler(), 10, 42).stream()
                .map(p -> (Double) p.get(SpaceParam.LOG10_LAMBDA)).toList();
        assertEquals(reportValues, values);
    }

    @Test
    void fineNarrowsEveryNumericDimensionAndFixesChoices() {
        SearchSpace space = new SearchSpace(List.of(
                SpaceDimension.range(SpaceParam.LOG10_LAMBDA, Kind.UNIFORM, -3, -1),
                SpaceDimension.range(SpaceParam.ETA_MAX, Kind.LOG_UNIFORM, 0.01, 1),
                SpaceDimension.choice(SpaceParam.BATCH_NORM, List.of(true, false))));
        List<TrialOutcome> ranked = List.of(trial(3, -2.0, 0.1, false, 0.5), trial(1, -2.3, 0.01, true, 0.4));
        SearchSpace fine = StageStrategy.fineSpace(space, ranked, 0.05).orElseThrow();
        SpaceDimension lambda = fine.dimensions().get(0);
        assertEquals(-2.3, lambda.min(), 1e-12);
        assertEquals(-1.7, lambda.max(), 1e-12);
        SpaceDimension eta = fine.dimensions().get(1);
        // log10 0.1 = -1, gap 1 in log10: [-2, 0] clipped to the coarse [-2, 0] -> [0.01, 1]
        assertEquals(Kind.LOG_UNIFORM, eta.kind());
        assertEquals(0.01, eta.min(), 1e-12);
        assertEquals(1, eta.max(), 1e-12);
        assertEquals(List.of(false), fine.dimensions().get(2).values());
        for (Map<SpaceParam, Object> p : StageStrategy.fine(fine, new SobolSampler(), 8, 1))
            assertEquals(false, p.get(SpaceParam.BATCH_NORM));
    }

    @Test
    void theMinimumHalfWidthKeepsTwoEqualWinnersFromCollapsingTheRange() {
        SearchSpace space = new SearchSpace(List.of(SpaceDimension.range(SpaceParam.ETA_MAX, Kind.LOG_UNIFORM, 0.01, 1),
                SpaceDimension.range(SpaceParam.STEP_SIZE, Kind.INT_UNIFORM, 10, 40)));
        List<TrialOutcome> ranked = List.of(trial(0, -2, 0.1, true, 0.5), trial(1, -2, 0.1, true, 0.4));
        SearchSpace fine = StageStrategy.fineSpace(space, ranked, 0.2).orElseThrow();
        assertEquals(-1.2, Math.log10(fine.dimensions().get(0).min()), 1e-12);
        assertEquals(-0.8, Math.log10(fine.dimensions().get(0).max()), 1e-12);
        assertEquals(19, fine.dimensions().get(1).min(), 0.0); // int-uniform: at least +-1 around 20
        assertEquals(21, fine.dimensions().get(1).max(), 0.0);
        assertTrue(StageStrategy.fineSpace(space, List.of(), 0.2).isEmpty());
    }

    @Test
    void theExtensionMovesOnlyTheLambdaRange() {
        SearchSpace space = SpaceSamplerTest.twoD();
        LambdaSearch.Range ext = new LambdaSearch.Range(-1, 0);
        for (Map<SpaceParam, Object> p : StageStrategy.extension(space, ext, new RandomSampler(), 20, 3)) {
            double l = (Double) p.get(SpaceParam.LOG10_LAMBDA);
            double eta = (Double) p.get(SpaceParam.ETA_MAX);
            assertTrue(l >= -1 && l < 0, "" + l);
            assertTrue(eta >= 0.02 && eta <= 0.3, "" + eta);
        }
        assertEquals(new LambdaSearch.Range(-3, -1), StageStrategy.lambdaRange(space).orElseThrow());
    }

    @Test
    void aGridWithHeInitializationTriesEachSigmaOnce() {
        NetworkConfig base = ConfigLoader.defaults().run().network();
        SearchSpace space = new SearchSpace(List.of(
                SpaceDimension.choice(SpaceParam.INIT, List.of(InitScheme.HE, InitScheme.NORMAL)),
                SpaceDimension.choice(SpaceParam.INIT_SIGMA, List.of(0.1, 0.001))));
        List<Map<SpaceParam, Object>> points = StageStrategy.grid(space, base, 1);
        assertEquals(3, points.size());
        assertEquals(InitScheme.HE, points.get(0).get(SpaceParam.INIT));
        assertEquals(0.001, points.get(2).get(SpaceParam.INIT_SIGMA));
    }

    @Test
    void aStoredTrialsPointHasItsValueOfEachParameter() {
        Map<SpaceParam, Object> p = StageStrategy.pointOf(SpaceSamplerTest.twoD(), trial(0, -2.5, 0.07, true, 0.4));
        assertEquals(Map.of(SpaceParam.LOG10_LAMBDA, -2.5, SpaceParam.ETA_MAX, 0.07), p);
    }
}
