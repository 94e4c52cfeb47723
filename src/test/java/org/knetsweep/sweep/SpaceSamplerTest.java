package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceDimension;
import org.knetsweep.config.SpaceDimension.Kind;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.config.SweepConfig;
import org.knetsweep.trial.Stage;

/** The samplers on synthetic spaces: reproducibility, coverage, and the random sampler's equality with the report's. */
class SpaceSamplerTest {
    static final SearchSpace LAMBDA = new SearchSpace(List.of(SpaceDimension.range(SpaceParam.LOG10_LAMBDA,
            Kind.UNIFORM, -3, -1)));

    @Test
    void theRandomSamplerDrawsExactlyTheReportsLog10LambdaValues() {
        SweepConfig cfg = new SweepConfig("t", 50, -3, -1, 0, 0.05, true, 3, List.of(), "r", "local[2]",
                SweepConfig.Mode.LAMBDA_SEARCH, null);
        List<Double> report = LambdaSearch.coarse(cfg, 42);
        List<Double> sampled = new RandomSampler().sample(cfg.effectiveSpace(), 50, 42, Stage.COARSE).stream()
                .map(p -> (Double) p.get(SpaceParam.LOG10_LAMBDA)).toList();
        assertEquals(report, sampled); // Double.equals: bit for bit
    }

    @Test
    void randomDrawsDependOnlyOnSeedAndStage() {
        SearchSpace s = twoD();
        RandomSampler r = new RandomSampler();
        assertEquals(r.sample(s, 8, 7, Stage.COARSE), r.sample(s, 8, 7, Stage.COARSE));
        assertNotEquals(r.sample(s, 8, 7, Stage.COARSE), r.sample(s, 8, 7, Stage.FINE));
        assertNotEquals(r.sample(s, 8, 7, Stage.COARSE), r.sample(s, 8, 8, Stage.COARSE));
        for (Map<SpaceParam, Object> p : r.sample(s, 200, 7, Stage.COARSE)) {
            double l = (Double) p.get(SpaceParam.LOG10_LAMBDA);
            double eta = (Double) p.get(SpaceParam.ETA_MAX);
            assertTrue(l >= -3 && l < -1, "" + l);
            assertTrue(eta >= 0.02 && eta <= 0.3, "" + eta);
        }
    }

    @Test
    void sobolsLargestGapInOneDimensionIsWellUnderRandoms() {
        double sobolWorst = 0;
        double randomMean = 0;
        int seeds = 200;
        for (long seed = 0; seed < seeds; seed++) {
            sobolWorst = Math.max(sobolWorst, largestGap(new SobolSampler(), seed));
            randomMean += largestGap(new RandomSampler(), seed) / seeds;
        }
        // 10 scrambled Sobol points hold one point in each eighth of [0, 1): no gap reaches 2/8
        assertTrue(sobolWorst < 0.25, "sobol " + sobolWorst);
        // 10 independent uniform points: the expected largest spacing (of 11) is about 0.27
        assertTrue(randomMean > 0.2, "random " + randomMean);
        assertTrue(sobolWorst < randomMean, sobolWorst + " vs " + randomMean);
    }

    /** The largest gap between 10 sorted points of [0, 1] (the ends count as points). */
    private static double largestGap(SpaceSampler sampler, long seed) {
        SearchSpace unit = new SearchSpace(List.of(SpaceDimension.range(SpaceParam.LOG10_LAMBDA, Kind.UNIFORM, 0, 1)));
        List<Double> xs = new ArrayList<>();
        for (Map<SpaceParam, Object> p : sampler.sample(unit, 10, seed, Stage.COARSE))
            xs.add((Double) p.get(SpaceParam.LOG10_LAMBDA));
        xs.add(0.0);
        xs.add(1.0);
        Collections.sort(xs);
        double gap = 0;
        for (int i = 1; i < xs.size(); i++) gap = Math.max(gap, xs.get(i) - xs.get(i - 1));
        return gap;
    }

    @Test
    void sobolPointsAreReproducibleAndDifferBetweenSeedsAndStages() {
        SobolSampler s = new SobolSampler();
        assertEquals(s.sample(twoD(), 16, 42, Stage.COARSE), s.sample(twoD(), 16, 42, Stage.COARSE));
        assertNotEquals(s.sample(twoD(), 16, 42, Stage.COARSE), s.sample(twoD(), 16, 43, Stage.COARSE));
        assertNotEquals(s.sample(twoD(), 16, 42, Stage.COARSE), s.sample(twoD(), 16, 42, Stage.FINE));
        // 16 points in 2-D: each of the 4 x 4 cells of the unit square (in the space's coordinates) holds one
        Set<Integer> cells = new HashSet<>();
        for (double[] u : SobolSampler.unitPoints(2, 16, SeedPolicy.stageRandom(42, Stage.COARSE)))
            cells.add((int) (u[0] * 4) * 4 + (int) (u[1] * 4));
        assertEquals(16, cells.size());
    }

    @Test
    void theGridIsTheCartesianProductOfTheChoicesLastFastest() {
        SearchSpace s = new SearchSpace(List.of(SpaceDimension.choice(SpaceParam.BATCH_NORM, List.of(true, false)),
                SpaceDimension.choice(SpaceParam.INIT, List.of(InitScheme.HE, InitScheme.NORMAL)),
                SpaceDimension.choice(SpaceParam.CYCLES, List.of(1, 2, 3))));
        List<Map<SpaceParam, Object>> points = new GridSampler().sample(s, 0, 1, Stage.GRID);
        assertEquals(12, points.size());
        assertEquals(Map.of(SpaceParam.BATCH_NORM, true, SpaceParam.INIT, InitScheme.HE, SpaceParam.CYCLES, 1),
                points.get(0));
        assertEquals(Map.of(SpaceParam.BATCH_NORM, true, SpaceParam.INIT, InitScheme.HE, SpaceParam.CYCLES, 2),
                points.get(1));
        assertEquals(Map.of(SpaceParam.BATCH_NORM, false, SpaceParam.INIT, InitScheme.NORMAL, SpaceParam.CYCLES, 3),
                points.get(11));
        assertEquals(List.of(Map.of()), new GridSampler().sample(new SearchSpace(List.of()), 0, 1, Stage.GRID));
    }

    @Test
    void intUniformCoversEveryIntegerOfItsRangeAndChoicesEveryValue() {
        SearchSpace s = new SearchSpace(List.of(SpaceDimension.range(SpaceParam.STEP_SIZE, Kind.INT_UNIFORM, 3, 6),
                SpaceDimension.choice(SpaceParam.HIDDEN, List.of(List.of(50, 50), List.of(20)))));
        Set<Object> steps = new HashSet<>();
        Set<Object> hidden = new HashSet<>();
        for (Map<SpaceParam, Object> p : new RandomSampler().sample(s, 300, 5, Stage.COARSE)) {
            steps.add(p.get(SpaceParam.STEP_SIZE));
            hidden.add(p.get(SpaceParam.HIDDEN));
        }
        assertEquals(Set.of(3, 4, 5, 6), steps);
        assertEquals(Set.of(List.of(50, 50), List.of(20)), hidden);
    }

    @Test
    void logUniformIsUniformInLog10() {
        SpaceDimension d = SpaceDimension.range(SpaceParam.ETA_MAX, Kind.LOG_UNIFORM, 0.01, 1);
        assertEquals(0.01, (Double) d.at(0), 1e-15);
        assertEquals(0.1, (Double) d.at(0.5), 1e-15);
        assertEquals(-1.0, d.coordinate(0.1), 1e-15);
    }

    static SearchSpace twoD() {
        return new SearchSpace(List.of(SpaceDimension.range(SpaceParam.LOG10_LAMBDA, Kind.UNIFORM, -3, -1),
                SpaceDimension.range(SpaceParam.ETA_MAX, Kind.LOG_UNIFORM, 0.02, 0.3)));
    }
}
