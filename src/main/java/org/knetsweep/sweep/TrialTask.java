package org.knetsweep.sweep;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.knetsweep.config.RunConfig;
import org.knetsweep.train.Checkpoint;
import org.knetsweep.train.Evaluation;
import org.knetsweep.train.ModelSink;
import org.knetsweep.train.Trainer;
import org.knetsweep.train.TrainingData;
import org.knetsweep.train.TrainingListener;
import org.knetsweep.train.TrainingResult;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialStore;
import org.knetsweep.trial.TrialSummary;

/**
 * One trial, as an executor runs it: if the store already holds the trial's row (a retry, or a resumed sweep), that
 * row is the result; otherwise train on this JVM's shared data, turn any exception into a FAILED row, and store the
 * row. Exactly one row per trial id, whatever the retries.
 *
 * <p>A trial of a successive-halving stage runs one rung per task: it continues from the previous rung's checkpoint
 * (none for rung 0) up to the rung's budget, stores its checkpoint (except at the last rung), then the rung's epochs
 * and {@code rungs} row; the last rung also stores the {@code trials} row. The rung row is the rung's commit marker.
 */
public final class TrialTask {
    /** Where the task runs, for the row's provenance columns. */
    public record Identity(String executorId, String host, int attempt) {
    }

    private TrialTask() {
    }

    /**
     * Runs the trial: its rows go to {@code store}, its network (when the spec saves it) to {@code models}.
     */
    public static TrialSummary run(TrialSpec spec, TrialStore store, ModelSink models, Identity who, PrintStream log) {
        if (spec.rung() != null) return runRung(spec, store, models, who, log);
        Optional<TrialOutcome> stored = store.readTrial(spec.sweepId(), spec.trialId());
        if (stored.isPresent()) return TrialSummary.of(stored.get(), true);
        TrainingResult[] trained = new TrainingResult[1];
        TrialOutcome outcome = train(spec, store, who, log, null, trained);
        requireNotKilled(spec);
        saveModel(spec, models, log, trained[0]);
        store.writeTrial(outcome);
        exitIfOutOfMemory(outcome, who);
        return TrialSummary.of(outcome, false);
    }

    private static TrialSummary runRung(TrialSpec spec, TrialStore store, ModelSink models, Identity who,
                                        PrintStream log) {
        int rung = spec.rung().index();
        Optional<TrialOutcome> stored = store.readRung(spec.sweepId(), spec.trialId(), rung);
        if (stored.isPresent()) {
            // a retry after the rung row was written: make sure the last rung's trials row exists too
            if (spec.rung().last() && !store.hasTrial(spec.sweepId(), spec.trialId())) store.writeTrialRow(stored.get());
            return TrialSummary.of(stored.get(), true);
        }
        Checkpoint[] end = new Checkpoint[1];
        long t0 = System.nanoTime();
        TrainingResult[] trained = new TrainingResult[1];
        TrialOutcome outcome = train(spec, store, who, log, end, trained);
        long segmentMs = (System.nanoTime() - t0) / 1_000_000; // the row's wall_ms counts the earlier rungs too
        requireNotKilled(spec);
        if (end[0] == null) saveModel(spec, models, log, trained[0]); // the run reached its full budget
        if (end[0] != null && !spec.rung().last())
            store.writeCheckpoint(spec.sweepId(), spec.trialId(), rung, end[0].toBytes(checkpointTag(spec, rung)));
        store.writeRung(outcome);
        boolean fullBudget = outcome.status() == TrainingStatus.COMPLETE && end[0] == null;
        if (spec.rung().last() || fullBudget) store.writeTrialRow(outcome);
        exitIfOutOfMemory(outcome, who);
        return new TrialSummary(outcome.trialId(), outcome.status(), outcome.log10Lambda(), outcome.valAccuracy(),
                segmentMs, false);
    }

    /**
     * Saves the network of a completed run as a model artifact, here on the executor that trained it, before the
     * trial's row commits the trial (a retry finds the artifact in place and keeps it).
     */
    private static void saveModel(TrialSpec spec, ModelSink models, PrintStream log, TrainingResult r) {
        if (!spec.saveModel() || r == null || r.status() != TrainingStatus.COMPLETE || r.network() == null) return;
        if (models == null) throw new IllegalStateException("trial " + spec.trialId() + " saves its model, but its "
                + "runner was given no model sink");
        TrainingData data = TrainingData.shared(spec.run().data(), spec.dataSeed(), spec.refit(), log);
        models.save(spec, data.split(), r.network(), r.test() == null ? Double.NaN : r.test().accuracy());
    }

    /** What a checkpoint belongs to; checked when it is read back. */
    static String checkpointTag(TrialSpec spec, int rung) {
        return spec.sweepId() + "/" + spec.trialId() + "/rung" + rung + "/" + spec.configHash();
    }

    /**
     * Trains the trial (or its rung) and describes the result; never throws for a training error. For a rung that
     * stopped before the full budget, {@code end[0]} receives the checkpoint.
     */
    static TrialOutcome train(TrialSpec spec, TrialStore store, Identity who, PrintStream log, Checkpoint[] end) {
        return train(spec, store, who, log, end, new TrainingResult[1]);
    }

    /** As above; {@code trained[0]} receives the training result (null when training threw). */
    static TrialOutcome train(TrialSpec spec, TrialStore store, Identity who, PrintStream log, Checkpoint[] end,
                              TrainingResult[] trained) {
        Instant started = now();
        long t0 = System.nanoTime();
        try {
            if (spec.injectFailure())
                throw new IllegalStateException("injected failure of trial " + spec.trialId() + " (knet.sweep.fail-trials)");
            long delay = injectedDelayMs(System.getProperty(SLOW_TRIALS), spec.trialId(), who.attempt());
            if (delay > 0) Thread.sleep(delay);
            TrainingData data = TrainingData.shared(spec.run().data(), spec.dataSeed(), spec.refit(), log);
            // a rung continues the one below it; with restarts the top rung trains the trial afresh on its own schedule
            Trainer.Segment segment = Trainer.Segment.WHOLE;
            if (spec.rung() != null && !spec.rung().fresh())
                segment = new Trainer.Segment(previousCheckpoint(spec, store),
                        spec.rung().last() ? Trainer.Segment.FULL : rungEnd(spec, data.split().train().size()),
                        spec.rung().restart());
            TrainingResult r = Trainer.train(spec.run(), data, spec.measureTest(), TrainingListener.NONE, segment);
            if (end != null) end[0] = r.checkpoint();
            trained[0] = r;
            int epochsDone = segment.from() == null ? 0 : segment.from().epoch();
            epochsDone += r.epochs().size();
            return outcome(spec, who, started, r.status(), r.message(), r.finalValidation(), r.finalTrain(),
                    r.bestValAccuracy(), r.test(), r.epochs(), epochsDone, r.steps(), r.wallMs());
        } catch (InterruptedException e) { // a killed attempt (e.g. the slower copy of a speculated trial)
            Thread.currentThread().interrupt();
            throw new IllegalStateException("trial " + spec.trialId() + " interrupted", e);
        } catch (RuntimeException | OutOfMemoryError e) {
            String msg = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
            long wall = (System.nanoTime() - t0) / 1_000_000;
            return outcome(spec, who, started, TrainingStatus.FAILED, msg, null, null, Double.NaN, null, List.of(), 0,
                    0, wall);
        }
    }

    /**
     * Stores nothing for an attempt Spark has killed (its thread is interrupted): the slower copy of a speculated
     * trial, or a task of a cancelled job. The attempt that Spark kept stores the trial.
     */
    private static void requireNotKilled(TrialSpec spec) {
        if (Thread.currentThread().isInterrupted())
            throw new IllegalStateException("attempt of trial " + spec.trialId() + " killed before storing its result");
    }

    /**
     * After a trial that ran out of memory is stored as FAILED: on a cluster executor the JVM's state is unknown
     * (other tasks' allocations may have failed too), so the task rethrows an OutOfMemoryError, which makes Spark
     * end the executor; the cluster manager starts a fresh one and Spark's retry of the task finds the stored row
     * and trains nothing. On the driver (local mode, executor id "driver") the trial is only recorded: ending the
     * JVM would end the sweep, and the error was thrown by the trial's own allocation (docs/failures.md).
     */
    static void exitIfOutOfMemory(TrialOutcome o, Identity who) {
        boolean outOfMemory = o.status() == TrainingStatus.FAILED && o.error() != null
                && o.error().startsWith(OutOfMemoryError.class.getSimpleName() + ":");
        if (outOfMemory && !"driver".equals(who.executorId()))
            throw new OutOfMemoryError("trial " + o.trialId() + " ran out of memory and is stored as FAILED; executor "
                    + who.executorId() + " exits so that Spark replaces it");
    }

    /**
     * A testing hook like {@code knet.sweep.fail-trials}: the Java system property {@value #SLOW_TRIALS} (for
     * executors: {@code spark.executor.extraJavaOptions}) lists {@code trialId:millis} pairs, e.g.
     * {@code coarse-001:20000}; the first attempt of each named trial sleeps that long before training, a straggler
     * for speculative execution to copy. Unset in normal use.
     */
    public static final String SLOW_TRIALS = "knet.test.slow-trials";

    /** How long the hook {@link #SLOW_TRIALS} delays this attempt of the trial, in ms (0: not at all). */
    static long injectedDelayMs(String property, String trialId, int attempt) {
        if (property == null || property.isBlank() || attempt > 0) return 0;
        for (String pair : property.split(",")) {
            int colon = pair.lastIndexOf(':');
            if (colon > 0 && pair.substring(0, colon).strip().equals(trialId))
                return Long.parseLong(pair.substring(colon + 1).strip());
        }
        return 0;
    }

    /** The step at which a non-final rung ends, for a training set of {@code trainSize} images. */
    static long rungEnd(TrialSpec spec, int trainSize) {
        var t = spec.run().training();
        return SuccessiveHalving.stepsFor(spec.rung().cycles(), t.totalSteps(trainSize), t.stepsPerCycle(trainSize),
                t.stepsPerEpoch(trainSize));
    }

    /** The checkpoint a rung continues from: none for rung 0, else the previous rung's. */
    private static Checkpoint previousCheckpoint(TrialSpec spec, TrialStore store) {
        int rung = spec.rung().index();
        if (rung == 0) return null;
        byte[] bytes = store.readCheckpoint(spec.sweepId(), spec.trialId(), rung - 1)
                .orElseThrow(() -> new IllegalStateException("the checkpoint of rung " + (rung - 1) + " of trial "
                        + spec.trialId() + " is missing under " + store.root()));
        return Checkpoint.fromBytes(bytes, checkpointTag(spec, rung - 1));
    }

    private static TrialOutcome outcome(TrialSpec spec, Identity who, Instant started, TrainingStatus status,
                                        String error, Evaluation val, Evaluation train, double bestVal,
                                        Evaluation test, List<EpochMetrics> epochs, int epochCount, long steps,
                                        long wallMs) {
        RunConfig run = spec.run();
        double nan = Double.NaN;
        return TrialOutcome.builder(spec.sweepId(), spec.stage(), spec.trialId(), spec.trialIndex())
                .lambda(spec.log10Lambda(), run.training().lambda())
                .hidden(run.network().hidden()).batchNorm(run.network().batchNorm())
                .init(run.network().init().label()).initSigma(run.network().initSigma())
                .seed(run.seed()).cycles(run.training().cycles()).epochs(epochCount).steps(steps)
                .status(status).error(error)
                .valAccuracy(val == null ? nan : val.accuracy()).bestValAccuracy(bestVal)
                .valCost(val == null ? nan : val.cost()).valLoss(val == null ? nan : val.loss())
                .trainAccuracy(train == null ? nan : train.accuracy()).trainCost(train == null ? nan : train.cost())
                .trainLoss(train == null ? nan : train.loss()).testAccuracy(test == null ? nan : test.accuracy())
                .wallMs(wallMs).executorId(who.executorId()).host(who.host()).attempt(who.attempt())
                .configHash(spec.configHash()).startedAt(started).finishedAt(now()).epochCurve(epochs)
                .replica(spec.replica()).rung(spec.rung() == null ? -1 : spec.rung().index())
                .etaMin(run.training().etaMin()).etaMax(run.training().etaMax())
                .stepSize(run.training().stepSize()).batchSize(run.training().batchSize())
                .build();
    }

    /** The current time at the precision the tables store (microseconds). */
    public static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
