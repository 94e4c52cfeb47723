package org.knetsweep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;
import org.knetsweep.config.SpaceDimension.Kind;

/** knet.sweep.space and knet.sweep.sampler: parsing, the older keys' translation, and every bad-space error. */
class SearchSpaceConfigTest {
    private static LoadedConfig load(String... sets) {
        return ConfigLoader.load(null, List.of(sets));
    }

    private static String fails(String... sets) {
        return assertThrows(KnetException.class, () -> load(sets)).getMessage();
    }

    @Test
    void theJointSearchConfHasTwoParametersDrawnFromSobol() {
        SweepConfig s = ConfigLoader.load(Path.of("conf/joint-search.conf"), List.of()).sweep();
        assertEquals(SweepConfig.Sampler.SOBOL, s.sampler());
        assertEquals(List.of(SpaceDimension.range(SpaceParam.LOG10_LAMBDA, Kind.UNIFORM, -3, -1),
                SpaceDimension.range(SpaceParam.ETA_MAX, Kind.LOG_UNIFORM, 0.02, 0.3)), s.effectiveSpace().dimensions());
        assertEquals(16, s.coarseTrials());
        assertEquals(8, s.fineTrials());
        assertEquals(3, s.finalCycles());
        assertEquals("space {\n  log10-lambda = {type = uniform, min = -3, max = -1}\n"
                + "  eta-max = {type = log-uniform, min = 0.02, max = 0.3}\n}\n", s.effectiveSpace().hocon());
    }

    @Test
    void theOlderLambdaKeysAreAOneDimensionalUniformSpace() {
        LoadedConfig cfg = load("sweep.coarse.log10-lambda-min=-4", "sweep.coarse.log10-lambda-max=-2");
        assertTrue(cfg.sweep().space().isEmpty());
        assertEquals(List.of(SpaceDimension.range(SpaceParam.LOG10_LAMBDA, Kind.UNIFORM, -4, -2)),
                cfg.sweep().effectiveSpace().dimensions());
        assertEquals(SweepConfig.Sampler.RANDOM, cfg.sweep().sampler());
        // keys added for search spaces do not show in the rendering (nor the hash) of a sweep that does not use them
        assertFalse(cfg.rendered().contains("sampler"), cfg.rendered());
        assertFalse(cfg.rendered().contains("space"), cfg.rendered());
    }

    @Test
    void aGridIsASpaceOfChoicesInTheGridsOrder() {
        LoadedConfig cfg = load("sweep.mode=grid", "sweep.grid.cycles=[1, 2]", "sweep.grid.batch-norm=[true, false]",
                "sweep.grid.init=[normal]");
        SearchSpace s = cfg.sweep().effectiveSpace();
        assertEquals(List.of(SpaceParam.BATCH_NORM, SpaceParam.INIT, SpaceParam.CYCLES),
                s.dimensions().stream().map(SpaceDimension::param).toList());
        assertEquals(List.of(InitScheme.NORMAL), s.dimensions().get(1).values());
        assertEquals(SweepConfig.Sampler.GRID, cfg.sweep().sampler());
    }

    @Test
    void aSpaceGivenInHoconTakesTheCanonicalOrderAndRendersIntoTheConfiguration() {
        LoadedConfig cfg = load("sweep.space={ hidden { type = choice, values = [[50, 50], [20]] },"
                + " step-size { type = int-uniform, min = 500, max = 900 }, init { type = choice, values = [he] } }");
        SearchSpace s = cfg.sweep().effectiveSpace();
        assertEquals(List.of(SpaceParam.STEP_SIZE, SpaceParam.HIDDEN, SpaceParam.INIT),
                s.dimensions().stream().map(SpaceDimension::param).toList());
        assertEquals(List.of(List.of(50, 50), List.of(20)), s.dimensions().get(1).values());
        assertEquals(s, ConfigLoader.fromRendered(cfg.rendered()).sweep().effectiveSpace());
        assertTrue(cfg.rendered().contains("step-size"), cfg.rendered());
        assertEquals(cfg.hash(), ConfigLoader.fromRendered(cfg.rendered()).hash());
    }

    @Test
    void aPointAppliedToTheBaseReplacesOnlyItsParameters() {
        RunConfig base = ConfigLoader.defaults().run();
        RunConfig run = SearchSpace.apply(Map.of(SpaceParam.LOG10_LAMBDA, -2.0, SpaceParam.ETA_MAX, 0.2,
                SpaceParam.BATCH_SIZE, 50, SpaceParam.HIDDEN, List.of(30)), base);
        assertEquals(Math.pow(10, -2.0), run.training().lambda(), 0.0);
        assertEquals(0.2, run.training().etaMax(), 0.0);
        assertEquals(50, run.training().batchSize());
        assertEquals(List.of(30), run.network().hidden());
        assertEquals(base.training().etaMin(), run.training().etaMin(), 0.0);
        assertEquals(base.network().init(), run.network().init());
    }

    @Test
    void everyBadSpaceIsRejectedNamingTheKey() {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[]{"sweep.space={ momentum { type = uniform, min = 0, max = 1 } }",
                "knet.sweep.space: momentum (expected one of log10-lambda, eta-min, eta-max"});
        cases.add(new String[]{"sweep.space={ log10-lambda { type = uniform, min = -1, max = -3 } }",
                "knet.sweep.space.log10-lambda.max: -3.0 (expected a finite number above min (-1.0))"});
        cases.add(new String[]{"sweep.space={ eta-max { type = log-uniform, min = 0, max = 0.3 } }",
                "knet.sweep.space.eta-max.min: 0.0 (expected a positive number (log-uniform needs a positive range))"});
        cases.add(new String[]{"sweep.space={ log10-lambda { type = log-uniform, min = -3, max = -1 } }",
                "knet.sweep.space.log10-lambda.min: -3.0 (expected a positive number (log-uniform"});
        cases.add(new String[]{"sweep.space={ hidden { type = choice, values = [] } }",
                "knet.sweep.space.hidden.values: [] (expected a non-empty list of choices)"});
        cases.add(new String[]{"sweep.space={ batch-norm { type = choice, values = [true, 3] } }",
                "knet.sweep.space.batch-norm.values: 3 (expected true or false)"});
        cases.add(new String[]{"sweep.space={ hidden { type = choice, values = [50] } }",
                "knet.sweep.space.hidden.values: 50 (expected a list of positive integers"});
        cases.add(new String[]{"sweep.space={ init { type = choice, values = [xavier] } }",
                "knet.sweep.space.init.values"});
        cases.add(new String[]{"sweep.space={ step-size { type = int-uniform, min = 1.5, max = 9 } }",
                "knet.sweep.space.step-size.min: 1.5 (expected an integer (int-uniform))"});
        cases.add(new String[]{"sweep.space={ eta-max { type = normal, min = 1, max = 2 } }",
                "knet.sweep.space.eta-max.type: \"normal\" (expected uniform, log-uniform, int-uniform or choice)"});
        cases.add(new String[]{"sweep.space={ eta-max { type = uniform, min = 0.1, max = 0.2, step = 1 } }",
                "knet.sweep.space.eta-max.step"});
        cases.add(new String[]{"sweep.space={ hidden { type = uniform, min = 1, max = 2 } }",
                "knet.sweep.space.hidden.type: uniform (expected choice"});
        cases.add(new String[]{"sweep.space={ eta-min { type = uniform, min = 0, max = 0.1 } }",
                "knet.sweep.space.eta-min.min: 0.0 (expected a positive number (eta-min is positive))"});
        cases.add(new String[]{"sweep.space={ eta-max { type = uniform, min = 0.1 } }",
                "knet.sweep.space.eta-max.max: null (expected a number)"});
        cases.add(new String[]{"sweep.space={ cycles { type = uniform, min = 1, max = 3 } }",
                "knet.sweep.space.cycles.type: uniform (expected int-uniform or choice (cycles is an integer))"});
        cases.add(new String[]{"sweep.space={ eta-max = 0.1 }", "knet.sweep.space.eta-max: 0.1 (expected an object"});
        for (String[] c : cases) {
            String message = fails(c[0]);
            assertTrue(message.contains(c[1]), c[0] + " -> " + message);
            assertFalse(message.contains("\n"), message);
        }
        assertTrue(fails("sweep.sampler=halton").contains("knet.sweep.sampler"));
        assertTrue(fails("sweep.sampler=grid").contains("knet.sweep.space"));
    }
}
