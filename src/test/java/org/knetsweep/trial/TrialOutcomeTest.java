package org.knetsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder of the trial record: defaults for what a row leaves unknown, copies, and the settings in one step. */
class TrialOutcomeTest {
    @Test
    void unsetComponentsAreUnknownOrNotMeasured() {
        TrialOutcome t = TrialOutcome.builder("s", Stage.COARSE, "coarse-003", 3).build();
        assertEquals("s", t.sweepId());
        assertEquals(Stage.COARSE, t.stage());
        assertEquals("coarse-003", t.trialId());
        assertEquals(3, t.trialIndex());
        for (double d : new double[] {t.log10Lambda(), t.lambda(), t.initSigma(), t.valAccuracy(),
                t.bestValAccuracy(), t.valCost(), t.valLoss(), t.trainAccuracy(), t.trainCost(), t.trainLoss(),
                t.testAccuracy(), t.etaMin(), t.etaMax()})
            assertTrue(Double.isNaN(d));
        assertEquals(List.of(), t.hidden());
        assertEquals(List.of(), t.epochCurve());
        assertEquals("", t.error());
        assertEquals(0, t.replica());
        assertEquals(-1, t.rung());
        assertEquals(-1, t.stepSize());
        assertEquals(-1, t.batchSize());
        assertNull(t.status());
        assertNull(t.startedAt());
    }

    @Test
    void toBuilderCopiesEveryComponentAndSettingsGoInAsOne() {
        Hyperparameters h = new Hyperparameters(List.of(50, 30), true, "normal", 0.01, 3, 1e-5, 0.08, 900, 64);
        Instant t0 = Instant.parse("2026-01-02T03:04:05.123456Z");
        TrialOutcome t = TrialOutcome.builder("s", Stage.FINE, "fine-001-r2", 1).lambda(-2.5, Math.pow(10, -2.5))
                .hyperparameters(h).seed(-7L).epochs(4).steps(800).status(TrainingStatus.COMPLETE).error("")
                .valAccuracy(0.4).bestValAccuracy(0.41).valCost(1.9).valLoss(1.7).trainAccuracy(0.5).trainCost(1.6)
                .trainLoss(1.4).testAccuracy(0.39).wallMs(1234).executorId("3").host("h").attempt(1)
                .configHash("abc").startedAt(t0).finishedAt(t0.plusSeconds(2))
                .epochCurve(List.of(new EpochMetrics(1, 200, 0.01, 2, 1.9, 0.3, 2.1, 2.0, 0.28)))
                .replica(2).rung(1).build();
        assertEquals(h, t.hyperparameters());
        assertEquals(t, t.toBuilder().build());
        TrialOutcome stopped = t.withStatus(TrainingStatus.STOPPED, "rung 1", List.of());
        assertEquals(t.toBuilder().status(TrainingStatus.STOPPED).error("rung 1").epochCurve(List.of()).build(),
                stopped);
        assertEquals(0.08, stopped.etaMax(), 0.0);
        assertEquals(2, stopped.replica());
    }
}
