package org.knetsweep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;

class GridConfigTest {
    static LoadedConfig load(String... sets) {
        return ConfigLoader.load(null, List.of(sets));
    }

    static List<GridConfig.Point> points(LoadedConfig c) {
        return c.sweep().grid().points(c.run().network(), c.run().training());
    }

    @Test
    void anEmptyGridIsTheBaseConfiguration() {
        LoadedConfig c = load("knet.sweep.mode=grid");
        assertEquals(SweepConfig.Mode.GRID, c.sweep().mode());
        List<GridConfig.Point> p = points(c);
        assertEquals(1, p.size());
        assertEquals(c.run().network(), p.get(0).network());
        assertEquals(c.run().training(), p.get(0).training());
    }

    @Test
    void theInitSensitivityGridHasSixPointsInOrder() {
        LoadedConfig c = load("knet.sweep.mode=grid", "knet.sweep.grid.init=[normal]",
                "knet.sweep.grid.init-sigma=[1e-1, 1e-3, 1e-4]", "knet.sweep.grid.batch-norm=[true, false]");
        List<GridConfig.Point> p = points(c);
        assertEquals(6, p.size());
        assertEquals(List.of(true, true, true, false, false, false), p.stream().map(x -> x.network().batchNorm()).toList());
        assertEquals(List.of(1e-1, 1e-3, 1e-4, 1e-1, 1e-3, 1e-4), p.stream().map(x -> x.network().initSigma()).toList());
        assertTrue(p.stream().allMatch(x -> x.network().init() == InitScheme.NORMAL));
    }

    @Test
    void heIgnoresSigmaAndLambdaAndCyclesMultiply() {
        LoadedConfig c = load("knet.sweep.mode=grid", "knet.sweep.grid.init=[he, normal]",
                "knet.sweep.grid.init-sigma=[0.1, 0.01]", "knet.sweep.grid.log10-lambda=[-3, -2]",
                "knet.sweep.grid.cycles=[1]", "knet.sweep.grid.hidden=[[50, 50], [20]]");
        List<GridConfig.Point> p = points(c);
        assertEquals(2 * (1 + 2) * 2, p.size()); // hidden x (he + 2 sigmas) x lambdas
        assertEquals(1e-3, p.get(0).training().lambda(), 1e-15);
        assertEquals(1, p.get(0).training().cycles());
        assertEquals(List.of(20), p.get(p.size() - 1).network().hidden());
    }

    @Test
    void invalidGridValuesNameTheirKey() {
        KnetException e = assertThrows(KnetException.class, () -> load("knet.sweep.grid.init-sigma=[0.1, -1]"));
        assertTrue(e.getMessage().contains("knet.sweep.grid.init-sigma"), e.getMessage());
        e = assertThrows(KnetException.class, () -> load("knet.sweep.grid.init=[xavier]"));
        assertTrue(e.getMessage().contains("knet.sweep.grid.init"), e.getMessage());
        e = assertThrows(KnetException.class, () -> load("knet.sweep.mode=random"));
        assertTrue(e.getMessage().contains("knet.sweep.mode"), e.getMessage());
        e = assertThrows(KnetException.class, () -> points(load("knet.sweep.grid.hidden=[[50, 0]]")));
        assertTrue(e.getMessage().contains("knet.sweep.grid.hidden"), e.getMessage());
        e = assertThrows(KnetException.class, () -> load("knet.sweep.grid.batch-norm=[yes]"));
        assertTrue(e.getMessage().contains("knet.sweep.grid.batch-norm"), e.getMessage());
    }

    @Test
    void everyShippedExperimentLoads() {
        for (String name : List.of("bn-3layer", "bn-9layer", "init-sensitivity", "lambda-search", "gradcheck")) {
            LoadedConfig c = ConfigLoader.load(java.nio.file.Path.of("conf/experiments/" + name + ".conf"), List.of());
            if (c.sweep().mode() == SweepConfig.Mode.GRID) assertTrue(points(c).size() >= 2, name);
        }
        assertEquals(6, points(ConfigLoader.load(java.nio.file.Path.of("conf/experiments/init-sensitivity.conf"),
                List.of())).size());
        assertEquals(List.of(50, 30, 20, 20, 10, 10, 10, 10), ConfigLoader.load(
                java.nio.file.Path.of("conf/experiments/bn-9layer.conf"), List.of()).run().network().hidden());
    }
}
