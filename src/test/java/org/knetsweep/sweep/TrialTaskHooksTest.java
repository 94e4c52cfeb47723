package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/** The out-of-memory rule of a trial task, and the test-only straggler hook. */
class TrialTaskHooksTest {
    private static TrialOutcome failedWith(String error) {
        return TrialOutcome.builder("s", Stage.COARSE, "coarse-004", 4).lambda(-3, 1e-3).hidden(List.of(50))
                .init("he").initSigma(0).seed(7L).cycles(1).status(TrainingStatus.FAILED).error(error).wallMs(17L)
                .executorId("3").host("h").configHash("hash").startedAt(TrialTask.now()).finishedAt(TrialTask.now())
                .build();
    }

    @Test
    void aTrialOutOfMemoryOnAClusterExecutorEndsTheExecutorAfterItIsStored() {
        TrialOutcome oom = failedWith("OutOfMemoryError: Java heap space");
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                () -> TrialTask.exitIfOutOfMemory(oom, new TrialTask.Identity("3", "h", 0)));
        assertTrue(e.getMessage().contains("coarse-004") && e.getMessage().contains("executor 3"), e.getMessage());
        // local mode: the executor is the driver, which records the trial and goes on
        assertDoesNotThrow(() -> TrialTask.exitIfOutOfMemory(oom, new TrialTask.Identity("driver", "h", 0)));
        // any other failure is only recorded
        assertDoesNotThrow(() -> TrialTask.exitIfOutOfMemory(failedWith("IllegalStateException: x"),
                new TrialTask.Identity("3", "h", 0)));
    }

    @Test
    void theStragglerHookDelaysOnlyTheFirstAttemptOfTheNamedTrials() {
        String property = "coarse-001:2500, fine-000:10";
        assertEquals(2500, TrialTask.injectedDelayMs(property, "coarse-001", 0));
        assertEquals(0, TrialTask.injectedDelayMs(property, "coarse-001", 1));
        assertEquals(10, TrialTask.injectedDelayMs(property, "fine-000", 0));
        assertEquals(0, TrialTask.injectedDelayMs(property, "coarse-000", 0));
        assertEquals(0, TrialTask.injectedDelayMs(null, "coarse-001", 0));
    }
}
