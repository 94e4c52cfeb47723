package org.knetsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.trial.EpochMetrics;

/** Stopping a run at an epoch end and continuing it from its checkpoint ends bit for bit like the unstopped run. */
class TrainerResumeTest {
    private static final DataSplit DATA = TrainerTest.split(200);

    private static TrainingResult segment(RunConfig cfg, Checkpoint from, long stopAt, boolean test) {
        return Trainer.train(cfg, new TrainingData(DATA), test, TrainingListener.NONE,
                new Trainer.Segment(from, stopAt));
    }

    /** Serializes and reads back, as the result store does between rungs. */
    private static Checkpoint roundTrip(Checkpoint c) {
        return Checkpoint.fromBytes(c.toBytes("s/t/0"), "s/t/0");
    }

    @ParameterizedTest
    @CsvSource({"true, FLOAT32", "false, FLOAT32", "true, FLOAT64"})
    void resumedRunsEndBitIdentical(boolean bn, Precision precision) {
        RunConfig cfg = TrainerTest.config(bn, 1e-3, precision, 11);
        // 30 steps per epoch, 240 steps in all; rungs after 2 and 5 epochs
        TrainingResult whole = segment(cfg, null, Trainer.Segment.FULL, true);
        TrainingResult straightTo150 = segment(cfg, null, 150, false);

        TrainingResult r0 = segment(cfg, null, 60, false);
        assertEquals(60, r0.steps());
        assertEquals(2, r0.epochs().size());
        assertNotNull(r0.checkpoint());
        assertNull(r0.test(), "no test metrics before the full budget");
        TrainingResult r1 = segment(cfg, roundTrip(r0.checkpoint()), 150, false);
        assertEquals(150, r1.steps());
        assertEquals(List.of(3, 4, 5), r1.epochs().stream().map(EpochMetrics::epoch).toList());
        assertTrue(straightTo150.checkpoint().network().sameAs(r1.checkpoint().network()),
                "parameters and moving averages after 150 steps");
        TrainingResult r2 = segment(cfg, roundTrip(r1.checkpoint()), Trainer.Segment.FULL, true);

        assertNull(r2.checkpoint());
        assertEquals(whole.steps(), r2.steps());
        List<EpochMetrics> joined = new ArrayList<>(r0.epochs());
        joined.addAll(r1.epochs());
        joined.addAll(r2.epochs());
        assertEquals(whole.epochs(), joined, "the epoch curve, value for value");
        assertEquals(whole.finalValidation(), r2.finalValidation());
        assertEquals(whole.test(), r2.test());
        assertEquals(whole.bestValAccuracy(), r2.bestValAccuracy());
    }

    @Test
    void stopsOnlyAtEpochEnds() {
        RunConfig cfg = TrainerTest.config(true, 1e-3, Precision.FLOAT32, 11);
        var e = assertThrows(IllegalArgumentException.class, () -> segment(cfg, null, 45, false));
        assertTrue(e.getMessage().contains("epoch end"), e.getMessage());
    }

    @Test
    void checkpointBytesAreCheckedForTagAndCorruption() {
        RunConfig cfg = TrainerTest.config(true, 1e-3, Precision.FLOAT32, 11);
        Checkpoint c = segment(cfg, null, 30, false).checkpoint();
        byte[] bytes = c.toBytes("sweep/coarse-001/0");
        Checkpoint back = Checkpoint.fromBytes(bytes, "sweep/coarse-001/0");
        assertTrue(c.network().sameAs(back.network()));
        assertEquals(c.step(), back.step());
        var wrongTag = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.fromBytes(bytes, "sweep/coarse-002/0"));
        assertTrue(wrongTag.getMessage().contains("coarse-001"), wrongTag.getMessage());
        bytes[bytes.length / 2] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.fromBytes(bytes, "sweep/coarse-001/0"));
        assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.fromBytes(java.util.Arrays.copyOf(bytes, 20), "sweep/coarse-001/0"));
        assertFalse(c.network().tensors().isEmpty());
    }

    @Test
    void aRestartedSegmentIsOneCycleOfItsOwn() {
        RunConfig cfg = TrainerTest.config(true, 1e-3, Precision.FLOAT32, 11);
        // 30 steps per epoch, n_s 60, 240 steps in all (2 cycles); a rung of 2 epochs, then the rest
        TrainingResult r0 = Trainer.train(cfg, new TrainingData(DATA), false, TrainingListener.NONE,
                new Trainer.Segment(null, 60, true));
        TrainingResult plain = segment(cfg, null, 60, false);
        TriangularClr clr = new TriangularClr(1e-4, 5e-2, 60);
        // the rate of each epoch's last step: on the run's schedule at the cycle's peak, restarted back near eta_min
        assertEquals(clr.at(59), plain.epochs().get(1).learningRate(), 1e-15);
        assertEquals(clr.restartAt(0, 60, 59), r0.epochs().get(1).learningRate(), 1e-15);
        assertTrue(r0.epochs().get(1).learningRate() < 0.05 * plain.epochs().get(1).learningRate(), "restarted rung ends near eta_min");
        assertEquals(clr.restartAt(0, 60, 29), r0.epochs().get(0).learningRate(), 1e-15);
        assertFalse(r0.checkpoint().network().sameAs(plain.checkpoint().network()), "another schedule, other weights");
        // the next rung restarts from eta_min over its own 180 steps
        TrainingResult r1 = Trainer.train(cfg, new TrainingData(DATA), true, TrainingListener.NONE,
                new Trainer.Segment(roundTrip(r0.checkpoint()), Trainer.Segment.FULL, true));
        assertEquals(240, r1.steps());
        assertEquals(clr.restartAt(60, 240, 89), r1.epochs().get(0).learningRate(), 1e-15);
        assertEquals(clr.restartAt(60, 240, 239), r1.epochs().get(5).learningRate(), 1e-15);
        assertNotNull(r1.test(), "the full budget measures the test set");
    }
}
