package org.knetsweep.sweep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.knetsweep.train.ModelSink;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialStore;
import org.knetsweep.trial.TrialSummary;

/** Runs trials one after another in this JVM: the same contract as the Spark runner, for tests and debugging. */
public final class LocalTrialRunner implements TrialRunner {
    private final TrialStore store;
    private final ModelSink models;
    private final PrintStream log;

    /** Stores the trials' rows in {@code store} and the networks they save in {@code models}. */
    public LocalTrialRunner(TrialStore store, ModelSink models, PrintStream log) {
        this.store = store;
        this.models = models;
        this.log = log;
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public List<TrialSummary> run(Stage stage, List<TrialSpec> specs, StageProgress progress) {
        List<TrialSummary> out = new ArrayList<>();
        TrialTask.Identity me = new TrialTask.Identity("driver", "localhost", 0);
        for (int i = 0; i < specs.size(); i++) {
            TrialSummary s = TrialTask.run(specs.get(i), store, models, me, log);
            out.add(s);
            progress.finished(s, i + 1 < specs.size() ? 1 : 0);
        }
        return out;
    }
}
