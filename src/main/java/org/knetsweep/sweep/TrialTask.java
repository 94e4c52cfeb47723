package org.knetsweep.sweep;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.knetsweep.config.RunConfig;
import org.knetsweep.results.ResultStore;
import org.knetsweep.train.EpochMetrics;
import org.knetsweep.train.Evaluation;
import org.knetsweep.train.Trainer;
import org.knetsweep.train.TrainingData;
import org.knetsweep.train.TrainingListener;
import org.knetsweep.train.TrainingResult;
import org.knetsweep.train.TrainingStatus;

/**
 * One trial, as an executor runs it: if the store already holds the trial's row (a retry, or a resumed sweep), that
 * row is the result; otherwise train on this JVM's shared data, turn any exception into a FAILED row, and store the
 * row. Exactly one row per trial id, whatever the retries.
 */
public final class TrialTask {
    /** Where the task runs, for the row's provenance columns. */
    public record Identity(String executorId, String host, int attempt) {
    }

    private TrialTask() {
    }

    public static TrialSummary run(TrialSpec spec, ResultStore store, Identity who, PrintStream log) {
        Optional<TrialOutcome> stored = store.readTrial(spec.sweepId(), spec.trialId());
        if (stored.isPresent()) return TrialSummary.of(stored.get(), true);
        TrialOutcome outcome = train(spec, who, log);
        store.writeTrial(outcome);
        return TrialSummary.of(outcome, false);
    }

    /** Trains the trial and describes the result; never throws for a training error. */
    static TrialOutcome train(TrialSpec spec, Identity who, PrintStream log) {
        Instant started = now();
        long t0 = System.nanoTime();
        try {
            if (spec.injectFailure())
                throw new IllegalStateException("injected failure of trial " + spec.trialId() + " (knet.sweep.fail-trials)");
            TrainingData data = TrainingData.shared(spec.run().data(), spec.dataSeed(), log);
            TrainingResult r = Trainer.train(spec.run(), data, spec.measureTest(), TrainingListener.NONE);
            return outcome(spec, who, started, r.status(), r.message(), r.finalValidation(), r.finalTrain(),
                    r.bestValAccuracy(), r.test(), r.epochs(), r.steps(), r.wallMs());
        } catch (RuntimeException | OutOfMemoryError e) {
            String msg = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
            long wall = (System.nanoTime() - t0) / 1_000_000;
            return outcome(spec, who, started, TrainingStatus.FAILED, msg, null, null, Double.NaN, null, List.of(), 0,
                    wall);
        }
    }

    private static TrialOutcome outcome(TrialSpec spec, Identity who, Instant started, TrainingStatus status,
                                        String error, Evaluation val, Evaluation train, double bestVal,
                                        Evaluation test, List<EpochMetrics> epochs, long steps, long wallMs) {
        RunConfig run = spec.run();
        return new TrialOutcome(spec.sweepId(), spec.stage(), spec.trialId(), spec.trialIndex(), spec.log10Lambda(),
                run.training().lambda(), run.network().hidden(), run.network().batchNorm(),
                run.network().init().label(), run.network().initSigma(), run.seed(), run.training().cycles(),
                epochs.size(), steps, status, error,
                val == null ? Double.NaN : val.accuracy(), bestVal,
                val == null ? Double.NaN : val.cost(), val == null ? Double.NaN : val.loss(),
                train == null ? Double.NaN : train.accuracy(), train == null ? Double.NaN : train.cost(),
                train == null ? Double.NaN : train.loss(), test == null ? Double.NaN : test.accuracy(),
                wallMs, who.executorId(), who.host(), who.attempt(), spec.configHash(), started, now(),
                epochs);
    }

    /** The current time at the precision the tables store (microseconds). */
    public static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
