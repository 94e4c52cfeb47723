package org.knetsweep.sweep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.knetsweep.train.ModelSink;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialStore;
import org.knetsweep.trial.TrialSummary;

/**
 * Runs trials in this JVM: the same contract as the Spark runner, for tests and debugging. A stage's trials run one
 * after another; trials started one at a time ({@link #start}) run on {@code slots} threads.
 */
public final class LocalTrialRunner implements TrialRunner {
    private final TrialStore store;
    private final ModelSink models;
    private final PrintStream log;
    private final int slots;
    private ExecutorService pool;

    /** Stores the trials' rows in {@code store} and the networks they save in {@code models}; one slot. */
    public LocalTrialRunner(TrialStore store, ModelSink models, PrintStream log) {
        this(store, models, log, 1);
    }

    /** As above, with {@code slots} trials started by {@link #start} running at once. */
    public LocalTrialRunner(TrialStore store, ModelSink models, PrintStream log, int slots) {
        if (slots < 1) throw new IllegalArgumentException("slots " + slots);
        this.store = store;
        this.models = models;
        this.log = log;
        this.slots = slots;
    }

    @Override
    public int slots() {
        return slots;
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

    @Override
    public synchronized CompletableFuture<TrialSummary> start(TrialSpec spec) {
        if (pool == null) pool = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "knet-local-trial");
            t.setDaemon(true);
            return t;
        });
        TrialTask.Identity me = new TrialTask.Identity("driver", "localhost", 0);
        return CompletableFuture.supplyAsync(() -> TrialTask.run(spec, store, models, me, log), pool);
    }
}
