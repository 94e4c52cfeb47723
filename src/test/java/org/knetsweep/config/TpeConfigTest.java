package org.knetsweep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knetsweep.KnetException;

class TpeConfigTest {
    /** knet.sweep.tpe of a TPE sweep with the given --set values. */
    private static TpeConfig read(String... sets) {
        List<String> all = new java.util.ArrayList<>(List.of("sweep.sampler=tpe"));
        all.addAll(List.of(sets));
        return ConfigLoader.load(null, all).sweep().tpe();
    }

    @Test
    void referenceDefaultsAreTheRecordsDefaults() {
        assertEquals(TpeConfig.DEFAULT, read());
        assertEquals(new TpeConfig(6, 0.2, 25, 24, 1.0, true, 15, 0.01), TpeConfig.DEFAULT);
    }

    @Test
    void everyKeyIsRead() {
        TpeConfig c = read("sweep.tpe={startup-trials = 4, quantile = 0.25, max-good = 7, candidates = 64, "
                + "prior-weight = 0.5, multivariate = false, lag = 0, min-bandwidth = 0.05}");
        assertEquals(new TpeConfig(4, 0.25, 7, 64, 0.5, false, 0, 0.05), c);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"startup-trials, 0", "quantile, 0", "quantile, 1", "quantile, -0.1", "max-good, 0",
            "candidates, 0", "prior-weight, 0", "prior-weight, -1", "lag, -1", "min-bandwidth, 0",
            "min-bandwidth, 0.6"})
    void aValueOutOfRangeNamesItsKey(String key, String value) {
        KnetException e = assertThrows(KnetException.class,
                () -> ConfigLoader.load(null, List.of("sweep.tpe." + key + "=" + value)));
        assertTrue(e.getMessage().startsWith("invalid value for knet.sweep.tpe." + key + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aWrongTypeAndAnUnknownKeyNameTheKey() {
        KnetException type = assertThrows(KnetException.class,
                () -> ConfigLoader.load(null, List.of("sweep.tpe.multivariate=sometimes")));
        assertTrue(type.getMessage().contains("knet.sweep.tpe.multivariate"), type.getMessage());
        KnetException unknown = assertThrows(KnetException.class,
                () -> ConfigLoader.load(null, List.of("sweep.tpe.quantiles=0.2")));
        assertTrue(unknown.getMessage().contains("knet.sweep.tpe.quantile"), unknown.getMessage());
    }

    @Test
    void onlySweepsWithAnAdaptiveStageRenderAndHashTheSettings() {
        LoadedConfig defaults = ConfigLoader.defaults();
        assertFalse(defaults.rendered().contains("tpe"), defaults.rendered());
        // unused by a staged sweep: checked, but the hash stays as before
        assertEquals(defaults.hash(), ConfigLoader.load(null, List.of("sweep.tpe.lag=3")).hash());
        LoadedConfig tpe = ConfigLoader.load(null, List.of("sweep.sampler=tpe"));
        LoadedConfig lag3 = ConfigLoader.load(null, List.of("sweep.sampler=tpe", "sweep.tpe.lag=3"));
        assertTrue(tpe.rendered().contains("lag"), tpe.rendered());
        assertNotEquals(tpe.hash(), lag3.hash());
        LoadedConfig asha = ConfigLoader.load(null, List.of("sweep.halving.enabled=true",
                "sweep.halving.asynchronous=true"));
        assertTrue(asha.rendered().contains("asynchronous") && asha.rendered().contains("lag"), asha.rendered());
        // halving's restarts: hashed only when set, so that sweeps stored before the key resume as before
        assertFalse(asha.rendered().contains("restarts"), asha.rendered());
        LoadedConfig restarts = ConfigLoader.load(null, List.of("sweep.halving.enabled=true",
                "sweep.halving.asynchronous=true", "sweep.halving.restarts=true"));
        assertTrue(restarts.sweep().halving().restarts());
        // the last rung (of the default 3) trains afresh with restarts; without them no rung does
        assertEquals(2, restarts.sweep().halving().freshRung());
        assertEquals(-1, asha.sweep().halving().freshRung());
        assertNotEquals(asha.hash(), restarts.hash());
    }
}
