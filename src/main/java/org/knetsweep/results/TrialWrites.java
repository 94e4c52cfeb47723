package org.knetsweep.results;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.TrialOutcome;

/**
 * The {@link ResultStore}'s writes of trials, rungs, candidates and the sweep row, each file through
 * {@link StagedWrites}. A trial's {@code epochs} file is written first and its {@code trials} file last: a trial
 * counts as finished only when its {@code trials} file exists (or its row is in the partition's compacted file).
 */
final class TrialWrites {
    private static final String SWEEP_STAGING_PREFIX = "sweep.";

    private final ResultStore store;
    private final StagedWrites staging;

    TrialWrites(ResultStore store, StagedWrites staging) {
        this.store = store;
        this.staging = staging;
    }

    /**
     * Stores one trial: its {@code epochs} file (possibly with no rows), then its {@code trials} file. Staging files
     * that earlier attempts of the trial left behind are deleted first: a trial is written again only when no
     * earlier attempt stored it, so once a sweep is complete none of its staging files remain.
     */
    void writeTrial(TrialOutcome o) {
        String name = ResultStore.TRIAL_STAGING_PREFIX + ResultLayout.escape(o.trialId()) + ".";
        staging.deleteStaged(o.sweepId(), name);
        staging.writeFile(ResultSchema.EPOCHS, trialPath(ResultSchema.EPOCHS, o.sweepId(), o.trialId()),
                staging.staged(o.sweepId(), name + ResultSchema.EPOCHS), epochs(o, -1));
        writeTrialRow(o);
    }

    /** Stores a trial at the end of a rung: the rung's epochs, then its {@code rungs} row (the rung's commit marker). */
    void writeRung(TrialOutcome o) {
        if (o.rung() < 0) throw new IllegalArgumentException("trial " + o.trialId() + " has no rung");
        String name = ResultStore.TRIAL_STAGING_PREFIX + ResultLayout.escape(o.trialId()) + ".rung" + o.rung() + ".";
        staging.deleteStaged(o.sweepId(), name);
        staging.writeFile(ResultSchema.EPOCHS, rungPath(ResultSchema.EPOCHS, o.sweepId(), o.trialId(), o.rung()),
                staging.staged(o.sweepId(), name + ResultSchema.EPOCHS), epochs(o, o.rung()));
        staging.writeFile(ResultSchema.RUNGS, rungPath(ResultSchema.RUNGS, o.sweepId(), o.trialId(), o.rung()),
                staging.staged(o.sweepId(), name + ResultSchema.RUNGS), List.of(ResultRows.trial(o)));
    }

    /** Stores only a trial's {@code trials} row (the trial's commit marker). */
    void writeTrialRow(TrialOutcome o) {
        String name = ResultStore.TRIAL_STAGING_PREFIX + ResultLayout.escape(o.trialId()) + ".";
        staging.writeFile(ResultSchema.TRIALS, trialPath(ResultSchema.TRIALS, o.sweepId(), o.trialId()),
                staging.staged(o.sweepId(), name + ResultSchema.TRIALS), List.of(ResultRows.trial(o)));
    }

    /** Stores the candidates of one stage, replacing that stage's earlier file. */
    void writeCandidates(String sweepId, String stage, List<Candidate> candidates) {
        String name = "candidates-" + ResultLayout.escape(stage) + ".";
        staging.deleteStaged(sweepId, name);
        List<Group> rows = new ArrayList<>();
        for (Candidate c : candidates) rows.add(ResultRows.candidate(c));
        staging.writeFile(ResultSchema.CANDIDATES, new Path(ResultLayout.candidatesFile(store.root(), sweepId, stage)),
                staging.staged(sweepId, name + ResultSchema.CANDIDATES), rows);
    }

    /** Stores the sweep's row, replacing the previous one. */
    void writeSweep(SweepRecord r) {
        staging.deleteStaged(r.sweepId(), SWEEP_STAGING_PREFIX);
        staging.writeFile(ResultSchema.SWEEPS, new Path(ResultLayout.sweepFile(store.root(), r.sweepId())),
                staging.staged(r.sweepId(), SWEEP_STAGING_PREFIX + ResultSchema.SWEEPS), List.of(ResultRows.sweep(r)));
    }

    private static List<Group> epochs(TrialOutcome o, int rung) {
        List<Group> epochs = new ArrayList<>(o.epochCurve().size());
        for (EpochMetrics m : o.epochCurve()) epochs.add(ResultRows.epoch(o.trialId(), m, rung));
        return epochs;
    }

    private Path trialPath(String table, String sweepId, String trialId) {
        return new Path(ResultLayout.trialFile(store.root(), table, sweepId, trialId));
    }

    private Path rungPath(String table, String sweepId, String trialId, int rung) {
        return new Path(ResultLayout.rungFile(store.root(), table, sweepId, trialId, rung));
    }
}
