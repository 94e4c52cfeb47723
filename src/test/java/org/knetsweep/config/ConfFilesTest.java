package org.knetsweep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration files shipped in conf/ load and say what the report used. Tests run in the project root. */
class ConfFilesTest {
    @Test
    void train3Layer() {
        LoadedConfig c = ConfigLoader.load(Path.of("conf/train-3layer.conf"), List.of());
        NetworkConfig n = c.run().network();
        assertEquals(List.of(50, 50), n.hidden());
        assertTrue(n.batchNorm());
        assertEquals(InitScheme.HE, n.init());
        TrainingConfig t = c.run().training();
        assertEquals(0.005, t.lambda());
        assertEquals(100, t.batchSize());
        assertEquals(1e-5, t.etaMin());
        assertEquals(1e-1, t.etaMax());
        assertEquals(2250, t.stepSize());
        assertEquals(2250, t.stepSizeFor(c.run().data().trainSize()), "explicit n_s equals 5 * 45000 / 100");
        assertEquals(2, t.cycles());
    }

    @Test
    void gradcheck() {
        GradCheckConfig g = ConfigLoader.load(Path.of("conf/gradcheck.conf"), List.of()).gradCheck();
        assertEquals(List.of(50, 50), g.network().hidden());
        assertTrue(g.network().batchNorm());
        assertEquals(InitScheme.HE, g.network().init());
        assertEquals(0.005, g.lambda());
        assertEquals(List.of(42L, 8L), g.seeds());
        assertEquals(1000, g.samples());
        assertEquals(100, g.features());
        assertEquals(1e-4, g.h());
        assertEquals("notebooks-out/gradcheck.md", g.output());
    }

    @Test
    void lambdaSearch() {
        LoadedConfig c = ConfigLoader.load(Path.of("conf/lambda-search.conf"), List.of());
        NetworkConfig n = c.run().network();
        assertEquals(List.of(50, 50), n.hidden());
        assertTrue(n.batchNorm());
        assertEquals(InitScheme.HE, n.init());
        TrainingConfig t = c.run().training();
        assertEquals(100, t.batchSize());
        assertEquals(1e-5, t.etaMin());
        assertEquals(1e-1, t.etaMax());
        assertEquals(2250, t.stepSize());
        assertEquals(2250, t.stepSizeFor(c.run().data().trainSize()), "explicit n_s equals 5 * 45000 / 100");
        assertEquals(2, t.cycles(), "cycles per search trial");
        SweepConfig w = c.sweep();
        assertEquals("lambda-search", w.name());
        assertEquals(10, w.coarseTrials());
        assertEquals(-3.0, w.log10Min());
        assertEquals(-1.0, w.log10Max());
        assertEquals(10, w.fineTrials());
        assertEquals(0.05, w.fineMinHalfWidth());
        assertTrue(w.finalEnabled());
        assertEquals(3, w.finalCycles());
        assertEquals(List.of(), w.failTrials());
    }

    @Test
    void lambdaSearchWithHalvingIsTheSameSearchRunAsSuccessiveHalving() {
        LoadedConfig base = ConfigLoader.load(Path.of("conf/lambda-search.conf"), List.of());
        LoadedConfig c = ConfigLoader.load(Path.of("conf/lambda-search-halving.conf"), List.of());
        assertEquals(base.run(), c.run());
        assertEquals(new HalvingConfig(true, 3, 3, 0.5), c.sweep().halving());
        assertEquals(List.of(0.5, 1.0, 2.0), org.knetsweep.sweep.SuccessiveHalving.rungCycles(c.sweep().halving(),
                c.run().training().cycles()));
        assertEquals(base.sweep().coarseTrials(), c.sweep().coarseTrials());
        assertEquals(base.sweep().fineTrials(), c.sweep().fineTrials());
        assertEquals(HalvingConfig.OFF, base.sweep().halving(), "off by default");
        assertEquals(0, base.sweep().replicas(), "no replicas by default");
    }

    @Test
    void lambdaSearchWithReplicasAndEdgeGuard() {
        SweepConfig w = ConfigLoader.load(Path.of("conf/lambda-search-replicas.conf"), List.of()).sweep();
        assertEquals(2, w.replicas());
        assertEquals(3, w.replicasTopK());
        assertEquals(new EdgeGuardConfig(0.1, true, 5, 0.5), w.edge());
        assertEquals(10, w.coarseTrials());
    }
}
