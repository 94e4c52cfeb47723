package org.knetsweep.trial;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Where a sweep's records live, as the sweep driver and its trial tasks see it: the {@code sweeps} row, each trial's
 * {@code trials} row (with its epochs), successive-halving rung rows and checkpoints, and each stage's candidates.
 * The store is the source of truth: a record that is stored is never computed again, which makes a rerun a resume.
 * Serializable so that executors receive it with their trial specs; {@code results.ResultStore} implements it over
 * Parquet files.
 */
public interface TrialStore extends Serializable {
    /** Where the records are, for messages. */
    String root();

    Optional<SweepRecord> readSweep(String sweepId);

    /** Stores the sweep's row, replacing the previous one. */
    void writeSweep(SweepRecord r);

    /** True when the trial is finished, i.e. its {@code trials} row is stored. */
    boolean hasTrial(String sweepId, String trialId);

    /** The stored trial with its epoch curve, or empty when it has not finished. */
    Optional<TrialOutcome> readTrial(String sweepId, String trialId);

    /** Every finished trial of a sweep with its epoch curve, by stage then trial index. */
    List<TrialOutcome> readTrials(String sweepId);

    /** Stores a trial: its epochs, then its {@code trials} row (the trial's commit marker). */
    void writeTrial(TrialOutcome o);

    /** Stores only the {@code trials} row of a trial whose epochs are stored with its rungs. */
    void writeTrialRow(TrialOutcome o);

    /** True when the trial's row of rung {@code rung} is stored. */
    boolean hasRung(String sweepId, String trialId, int rung);

    /** The trial at the end of rung {@code rung} with that rung's epochs, or empty when not stored. */
    Optional<TrialOutcome> readRung(String sweepId, String trialId, int rung);

    /** Every stored rung row of a sweep (without epoch curves), by stage, trial index, trial id, then rung. */
    List<TrialOutcome> readRungs(String sweepId);

    /** Stores a trial at the end of a rung: the rung's epochs, then its {@code rungs} row. */
    void writeRung(TrialOutcome o);

    /** Stores the training checkpoint of a trial at the end of a rung. */
    void writeCheckpoint(String sweepId, String trialId, int rung, byte[] bytes);

    /** The bytes of a trial's checkpoint at the end of a rung, or empty when there is none. */
    Optional<byte[]> readCheckpoint(String sweepId, String trialId, int rung);

    /** Deletes the checkpoints of the trials whose ids start with {@code trialIdPrefix}; returns how many. */
    int deleteCheckpoints(String sweepId, String trialIdPrefix);

    /** Stores the candidates of one stage, replacing that stage's earlier ones. */
    void writeCandidates(String sweepId, String stage, List<Candidate> candidates);

    /** The stored candidates of a sweep, by stage then rank. */
    List<Candidate> readCandidates(String sweepId);
}
