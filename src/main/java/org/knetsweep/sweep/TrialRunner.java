package org.knetsweep.sweep;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/**
 * Where trials run: on Spark executors ({@code SparkTrialRunner}) or in this JVM ({@link LocalTrialRunner}). A runner
 * trains each spec (or finds its stored result), stores the outcome and reports summaries; the driver then reads the
 * stage's results back from the store.
 */
public interface TrialRunner {
    /** Trials that can run at once. */
    int slots();

    /** Runs the specs of one stage; returns when all are stored. */
    List<TrialSummary> run(Stage stage, List<TrialSpec> specs, StageProgress progress);

    /**
     * Starts one trial (the ask/tell stream of an adaptive stage, see {@link AskTellLoop}); the future completes when
     * its row is stored, or exceptionally when the runner itself failed (a trial that throws is a FAILED row, not an
     * exception). At most {@link #slots()} started trials run at once; more wait in the runner's queue.
     */
    CompletableFuture<TrialSummary> start(TrialSpec spec);
}
