package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.EdgeGuardConfig;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

/** Candidate statistics over replicas, the choice by mean, the verdict and the edge guard, against hand values. */
class CandidatesTest {
    static TrialOutcome run(Stage stage, int index, int replica, double log10, double val, TrainingStatus status,
                            int rung) {
        String id = TrialSpec.id(stage, index) + (replica == 0 ? "" : "-r" + replica);
        return TrialOutcome.builder("s", stage, id, index).lambda(log10, Math.pow(10, log10)).hidden(List.of(50, 50))
                .batchNorm(true).init("he").initSigma(0.1).seed(replica).cycles(2).epochs(20).steps(9000)
                .status(status).valAccuracy(val).bestValAccuracy(val).valCost(1).valLoss(1).trainAccuracy(val)
                .trainCost(1).trainLoss(1).wallMs(1).executorId("e").host("h").configHash("c")
                .startedAt(Instant.EPOCH).finishedAt(Instant.EPOCH).replica(replica).rung(rung).build();
    }

    static TrialOutcome run(int index, int replica, double log10, double val) {
        return run(Stage.COARSE, index, replica, log10, val, TrainingStatus.COMPLETE, -1);
    }

    /** Candidate 0: {0.540, 0.538, 0.542}; candidate 1: {0.536, 0.535, 0.539}; candidate 2: one run of 0.541. */
    static final List<TrialOutcome> TRIALS = List.of(
            run(0, 0, -2.0, 0.540), run(0, 1, -2.0, 0.538), run(0, 2, -2.0, 0.542),
            run(1, 0, -2.5, 0.536), run(1, 1, -2.5, 0.535), run(1, 2, -2.5, 0.539),
            run(2, 0, -1.5, 0.541),
            run(Stage.COARSE, 3, 0, -1.2, Double.NaN, TrainingStatus.DIVERGED, -1));

    @Test
    void statisticsMatchHandComputedValues() {
        List<Candidate> c = Candidates.of(Stage.COARSE, TRIALS);
        assertEquals(3, c.size(), "the diverged trial is no candidate");
        Candidate top = c.stream().filter(x -> x.trialIndex() == 0).findFirst().orElseThrow();
        // mean 0.540; deviations -0, -0.002, +0.002 -> sd = sqrt(0.000008 / 2) = 0.002;
        // half-width t(0.975, 2) * 0.002 / sqrt(3) = 4.302653 * 0.0011547 = 0.0049683
        assertEquals(3, top.replicas());
        assertEquals(0.540, top.mean(), 1e-12);
        assertEquals(0.002, top.sd(), 1e-12);
        assertEquals(0.540 - 0.0049683, top.ciLow(), 1e-6);
        assertEquals(0.540 + 0.0049683, top.ciHigh(), 1e-6);
        Candidate single = c.stream().filter(x -> x.trialIndex() == 2).findFirst().orElseThrow();
        assertEquals(1, single.replicas());
        assertTrue(Double.isNaN(single.sd()) && Double.isNaN(single.ciLow()));
        // ranked by mean: 0.541 (one run), 0.540, 0.53667
        assertEquals(List.of("coarse-002", "coarse-000", "coarse-001"), c.stream().map(Candidate::candidateId).toList());
        assertEquals(List.of(1, 2, 3), c.stream().map(Candidate::rank).toList());
    }

    @Test
    void withReplicasTheChoiceIsTheBestMeanAmongReplicatedCandidates() {
        List<Candidate> c = Candidates.of(Stage.COARSE, TRIALS);
        assertEquals("coarse-000", Candidates.best(c, true).orElseThrow().candidateId(), "one lucky run cannot win");
        assertEquals("coarse-002", Candidates.best(c, false).orElseThrow().candidateId());
        assertEquals(List.of(-2.0, -2.5, -1.5, -1.2).subList(0, 3), Candidates.anchors(c, TRIALS, true),
                "fine-range anchors: replicated by mean, then the rest");
    }

    @Test
    void theVerdictReportsWelchsTest() {
        // means 0.540 vs 0.53667, sds 0.002 and 0.0020817: t = 0.0033333 / sqrt((0.000004 + 0.00000433) / 3) = 2.0,
        // p = 0.116 on 3.99 degrees of freedom: not distinguishable at 5%
        String v = Candidates.verdict(Candidates.of(Stage.COARSE, TRIALS), true);
        assertTrue(v.startsWith("winner coarse-000 (mean val 0.5400, n=3) vs runner-up coarse-001 (mean val 0.5367, n=3)"), v);
        assertTrue(v.contains("NOT distinguishable (Welch t-test p=0.116"), v);
        List<TrialOutcome> apart = List.of(run(0, 0, -2, 0.540), run(0, 1, -2, 0.541), run(0, 2, -2, 0.542),
                run(1, 0, -3, 0.520), run(1, 1, -3, 0.521), run(1, 2, -3, 0.522));
        assertTrue(Candidates.verdict(Candidates.of(Stage.COARSE, apart), true).contains(": distinguishable (Welch"));
        String single = Candidates.verdict(Candidates.of(Stage.COARSE, List.of(run(0, 0, -2, 0.54), run(1, 0, -3, 0.53))),
                false);
        assertTrue(single.contains("not assessable from single runs"), single);
    }

    @Test
    void searchRankingPutsTrialsThatGotFurtherFirst() {
        List<TrialOutcome> halving = List.of(
                run(Stage.COARSE, 0, 0, -2, 0.45, TrainingStatus.STOPPED, 0),
                run(Stage.COARSE, 1, 0, -2.2, 0.40, TrainingStatus.STOPPED, 1),
                run(Stage.COARSE, 2, 0, -2.4, 0.52, TrainingStatus.COMPLETE, 2),
                run(Stage.COARSE, 3, 0, -2.6, 0.42, TrainingStatus.STOPPED, 1),
                run(Stage.COARSE, 4, 0, -2.8, Double.NaN, TrainingStatus.DIVERGED, 0));
        assertEquals(List.of("coarse-002", "coarse-003", "coarse-001", "coarse-000"),
                Candidates.searchRanking(halving).stream().map(TrialOutcome::trialId).toList());
        assertEquals(List.of("coarse-002", "coarse-003"), Candidates.topForReplicas(Stage.COARSE, halving, 2).stream()
                .map(TrialOutcome::trialId).toList());
        // the fine range around the winner and the runner-up of the last rung
        assertEquals(List.of(-2.4, -2.6, -2.2, -2.0), Candidates.anchors(Candidates.of(Stage.COARSE, halving), halving, false));
    }

    @Test
    void edgeGuardFindsTheSideAndTheRangeBeyondIt() {
        LambdaSearch.Range r = new LambdaSearch.Range(-3, -1);
        assertEquals(EdgeGuard.Side.LOWER, EdgeGuard.check(-2.85, r, 0.1).orElseThrow());
        assertEquals(EdgeGuard.Side.UPPER, EdgeGuard.check(-1.1, r, 0.1).orElseThrow());
        assertTrue(EdgeGuard.check(-2.79, r, 0.1).isEmpty());
        assertTrue(EdgeGuard.check(-1.21, r, 0.1).isEmpty());
        EdgeGuardConfig cfg = new EdgeGuardConfig(0.1, true, 5, 0.5);
        assertEquals(new LambdaSearch.Range(-4, -3), EdgeGuard.extension(r, EdgeGuard.Side.LOWER, cfg));
        assertEquals(new LambdaSearch.Range(-1, 0), EdgeGuard.extension(r, EdgeGuard.Side.UPPER, cfg));
        assertEquals("range edge: the best coarse log10(lambda) -2.8500 lies in the lower 10% of [-3.0000, -1.0000]; "
                + "the optimum may lie beyond it", EdgeGuard.warning("coarse", -2.85, r, EdgeGuard.Side.LOWER, 0.1));
    }
}
