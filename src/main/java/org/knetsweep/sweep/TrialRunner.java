package org.knetsweep.sweep;

import java.util.List;
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
}
