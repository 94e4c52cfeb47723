package org.knetsweep.sweep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialStore;
import org.knetsweep.trial.TrialSummary;

/**
 * What the schedulers of one sweep run share: the runner, the store, the log and the stage timings collected so far.
 * {@link #train} hands specs to the runner; {@link #stored} reads their outcomes back (the store is the truth).
 */
final class StageContext {
    final String sweepId;
    final TrialRunner runner;
    final TrialStore store;
    final PrintStream out;
    final VariedParams varied;
    final List<StageReport> reports = new ArrayList<>();

    StageContext(String sweepId, TrialRunner runner, TrialStore store, PrintStream out, VariedParams varied) {
        this.sweepId = sweepId;
        this.runner = runner;
        this.store = store;
        this.out = out;
        this.varied = varied;
    }

    /** Hands the pending specs to the runner and records the part's timing. */
    void train(Stage stage, String part, int planned, List<TrialSpec> pending) {
        String label = StageReport.label(stage, part);
        if (pending.size() < planned)
            out.printf("[%s] %d of %d trials already stored, not retrained%n", label, planned - pending.size(),
                    planned);
        long wall = 0;
        long trialMs = 0;
        int trained = 0;
        if (!pending.isEmpty()) {
            long t0 = System.nanoTime();
            StageProgress progress = progress(stage, pending);
            List<TrialSummary> summaries = runner.run(stage, pending, progress);
            wall = (System.nanoTime() - t0) / 1_000_000;
            for (TrialSummary s : summaries) {
                if (!s.reused()) {
                    trained++;
                    trialMs += s.wallMs();
                }
            }
        }
        reports.add(new StageReport(stage, part, planned, trained, wall, trialMs, runner.slots()));
    }

    /** Records the timing of a stage part run as a stream ({@link AdaptiveStage}): its jobs' results and wall time. */
    void record(Stage stage, String part, List<TrialSummary> results, long wallMs) {
        long reused = results.stream().filter(TrialSummary::reused).count();
        if (reused > 0)
            out.printf("[%s] %d of %d jobs already stored, not retrained%n", StageReport.label(stage, part), reused,
                    results.size());
        long trialMs = results.stream().filter(s -> !s.reused()).mapToLong(TrialSummary::wallMs).sum();
        int trained = (int) (results.size() - reused);
        reports.add(new StageReport(stage, part, results.size(), trained, trained == 0 ? 0 : wallMs, trialMs,
                runner.slots()));
    }

    /** The stage's progress, naming each trial by the parameters the sweep varies. */
    private StageProgress progress(Stage stage, List<TrialSpec> pending) {
        if (varied.lambdaOnly()) return new StageProgress(out, stage, pending.size(), 10_000);
        Map<String, String> points = pending.stream().collect(Collectors.toMap(TrialSpec::trialId, varied::label));
        return new StageProgress(out, stage, pending.size(), 10_000,
                s -> points.getOrDefault(s.trialId(), VariedParams.lambdaLabel(s.log10Lambda())));
    }

    /** The stored trials of the specs, in trial order. */
    List<TrialOutcome> stored(Stage stage, List<TrialSpec> specs) {
        Set<String> ids = specs.stream().map(TrialSpec::trialId).collect(Collectors.toSet());
        List<TrialOutcome> stored = store.readTrials(sweepId).stream().filter(t -> ids.contains(t.trialId())).toList();
        if (stored.size() != specs.size())
            throw new IllegalStateException("stage " + stage.label() + ": " + stored.size() + " stored trials, expected "
                    + specs.size());
        return stored;
    }
}
