package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.knetsweep.KnetException;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialStore;
import org.knetsweep.trial.TrialSummary;

/**
 * The ask/tell stream of an adaptive stage, deterministic at any parallelism. Decisions are numbered 0, 1, 2, ...;
 * decision {@code i} asks the {@link Policy} what to start next and may use only the results of decisions
 * {@code 0..i-1-lag}, told in decision order, however many slots there are and in whatever order jobs finish. The
 * loop waits for decision {@code i-1-lag}'s job only if it has not finished yet, so up to {@code lag + 1} jobs are
 * started at once (capped at {@link #inFlight} of the runner's slots: each slot runs one and has one queued). When a policy has nothing to start on what it may see but jobs are still
 * pending ({@link Decision#WAIT}), the next job in decision order becomes visible and the policy is asked again: the
 * sequence of what each decision sees is still fixed by the decisions alone. So the same configuration starts the
 * same jobs, with the same specs, on local[1], local[2] or a cluster, and after a resume (stored jobs are not
 * retrained: their stored rows are their results).
 */
final class AskTellLoop {
    /** Chooses the jobs of an adaptive stage. */
    interface Policy {
        /**
         * Decision {@code event}: the job to start, {@link Decision#WAIT} or {@link Decision#DONE}.
         *
         * @param visible the results of decisions {@code 0..visible.size()-1}, in decision order; the jobs of
         *                decisions {@code visible.size()..event-1} are pending
         */
        Decision decide(int event, List<TrialSummary> visible);
    }

    /** What a policy decides: start a job, wait for the next result, or end the stage. */
    record Decision(TrialSpec start, boolean done) {
        static final Decision WAIT = new Decision(null, false);
        static final Decision DONE = new Decision(null, true);

        static Decision start(TrialSpec spec) {
            return new Decision(spec, false);
        }
    }

    private final TrialRunner runner;
    private final TrialStore store;
    private final int lag;

    AskTellLoop(TrialRunner runner, TrialStore store, int lag) {
        if (lag < 0) throw new IllegalArgumentException("lag " + lag);
        this.runner = runner;
        this.store = store;
        this.lag = lag;
    }

    /** Runs the policy to its end; returns every job's result in decision order. */
    List<TrialSummary> run(Policy policy, StageProgress progress) {
        List<CompletableFuture<TrialSummary>> jobs = new ArrayList<>();
        List<TrialSummary> visible = new ArrayList<>();
        List<TrialSummary> told = Collections.unmodifiableList(visible);
        Semaphore free = new Semaphore(inFlight(runner.slots()));
        AtomicInteger running = new AtomicInteger();
        try {
            for (int event = 0; ; event++) {
                while (visible.size() < event - lag) visible.add(result(jobs.get(visible.size())));
                Decision d = policy.decide(event, told);
                while (d.start() == null && !d.done()) {
                    if (visible.size() == jobs.size())
                        throw new IllegalStateException("an adaptive policy waits with no job pending");
                    visible.add(result(jobs.get(visible.size())));
                    d = policy.decide(event, told);
                }
                if (d.done()) break;
                jobs.add(start(d.start(), free, running, progress));
            }
            while (visible.size() < jobs.size()) visible.add(result(jobs.get(visible.size())));
            return List.copyOf(visible);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KnetException("interrupted while an adaptive stage ran");
        }
    }

    /**
     * Jobs started but not finished at most: two per slot, so that a slot that finishes a trial starts the next one
     * from Spark's queue at once instead of waiting for the driver to decide and submit it. Only timing depends on it:
     * what each decision sees is fixed by the lag rule.
     */
    static int inFlight(int slots) {
        return 2 * Math.max(1, slots);
    }

    /** Starts a job when a slot is free, or completes it at once from the store when its row is already there. */
    private CompletableFuture<TrialSummary> start(TrialSpec spec, Semaphore free, AtomicInteger running,
                                                  StageProgress progress) throws InterruptedException {
        Optional<TrialOutcome> stored = spec.rung() == null ? store.readTrial(spec.sweepId(), spec.trialId())
                : store.readRung(spec.sweepId(), spec.trialId(), spec.rung().index());
        if (stored.isPresent()) return CompletableFuture.completedFuture(TrialSummary.of(stored.get(), true));
        free.acquire();
        running.incrementAndGet();
        CompletableFuture<TrialSummary> job;
        try {
            job = runner.start(spec);
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
        return job.whenComplete((s, e) -> {
            int now = running.decrementAndGet();
            free.release();
            if (s != null) progress.finished(s, Math.min(now, runner.slots())); // queued jobs are not running
        });
    }

    private static TrialSummary result(CompletableFuture<TrialSummary> job) {
        try {
            return job.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }
}
