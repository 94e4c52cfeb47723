package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.SweepConfig;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

class LambdaSearchTest {
    static SweepConfig cfg(int coarse, int fine, double minHalf) {
        return new SweepConfig("t", coarse, -3, -1, fine, minHalf, true, 3, List.of(), "r", "local[2]",
                SweepConfig.Mode.LAMBDA_SEARCH, null);
    }

    static TrialOutcome trial(Stage stage, int index, double log10, double val, TrainingStatus status) {
        return TrialOutcome.builder("s", stage, TrialSpec.id(stage, index), index).lambda(log10, Math.pow(10, log10))
                .hidden(List.of(50, 50)).batchNorm(true).init("he").initSigma(0.1).seed(1).cycles(2).epochs(20)
                .steps(9000).status(status).valAccuracy(val).bestValAccuracy(val).valCost(1).valLoss(1)
                .trainAccuracy(val).trainCost(1).trainLoss(1).wallMs(1).executorId("e").host("h").configHash("c")
                .startedAt(Instant.EPOCH).finishedAt(Instant.EPOCH).build();
    }

    @Test
    void coarseSamplesAreInRangeSeededAndDistinctPerSeed() {
        List<Double> a = LambdaSearch.coarse(cfg(200, 0, 0), 42);
        assertEquals(200, a.size());
        assertTrue(a.stream().allMatch(v -> v >= -3 && v <= -1));
        assertTrue(a.stream().anyMatch(v -> v < -2.8) && a.stream().anyMatch(v -> v > -1.2), "covers the range");
        assertEquals(a, LambdaSearch.coarse(cfg(200, 0, 0), 42));
        assertNotEquals(a, LambdaSearch.coarse(cfg(200, 0, 0), 43));
    }

    @Test
    void fineRangeIsCentredOnTheBestWithTheDistanceToTheSecondBest() {
        List<TrialOutcome> coarse = List.of(
                trial(Stage.COARSE, 0, -2.9, 0.40, TrainingStatus.COMPLETE),
                trial(Stage.COARSE, 1, -2.3, 0.54, TrainingStatus.COMPLETE),
                trial(Stage.COARSE, 2, -2.0, 0.52, TrainingStatus.COMPLETE),
                trial(Stage.COARSE, 3, -1.5, 0.99, TrainingStatus.FAILED),
                trial(Stage.COARSE, 4, -1.2, 0.30, TrainingStatus.COMPLETE));
        LambdaSearch.Range r = LambdaSearch.fineRange(coarse, cfg(5, 10, 0.05)).orElseThrow();
        assertEquals(-2.6, r.min(), 1e-12);
        assertEquals(-2.0, r.max(), 1e-12);
        List<Double> fine = LambdaSearch.fine(r, cfg(5, 50, 0.05), 7);
        assertEquals(50, fine.size());
        assertTrue(fine.stream().allMatch(v -> v >= -2.6 && v <= -2.0));
    }

    @Test
    void aTinyDistanceIsWidenedToTheMinimumHalfWidth() {
        List<TrialOutcome> coarse = List.of(
                trial(Stage.COARSE, 0, -2.3000, 0.54, TrainingStatus.COMPLETE),
                trial(Stage.COARSE, 1, -2.3001, 0.53, TrainingStatus.COMPLETE));
        LambdaSearch.Range r = LambdaSearch.fineRange(coarse, cfg(2, 10, 0.1)).orElseThrow();
        assertEquals(-2.4, r.min(), 1e-12);
        assertEquals(-2.2, r.max(), 1e-12);
    }

    @Test
    void noCompletedTrialMeansNoFineRangeAndNoBest() {
        List<TrialOutcome> failed = new ArrayList<>();
        failed.add(trial(Stage.COARSE, 0, -2, Double.NaN, TrainingStatus.FAILED));
        failed.add(trial(Stage.COARSE, 1, -2.5, 0.2, TrainingStatus.DIVERGED));
        assertTrue(LambdaSearch.fineRange(failed, cfg(2, 10, 0.1)).isEmpty());
        assertTrue(LambdaSearch.best(failed).isEmpty());
    }

    @Test
    void trialSeedsDependOnlyOnIdentity() {
        long s = SeedPolicy.trialSeed(42, Stage.COARSE, 3);
        assertEquals(s, SeedPolicy.trialSeed(42, Stage.COARSE, 3));
        assertNotEquals(s, SeedPolicy.trialSeed(42, Stage.FINE, 3));
        assertNotEquals(s, SeedPolicy.trialSeed(42, Stage.COARSE, 4));
        assertNotEquals(s, SeedPolicy.trialSeed(43, Stage.COARSE, 3));
    }
}
