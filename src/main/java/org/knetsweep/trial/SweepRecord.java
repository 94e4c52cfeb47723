package org.knetsweep.trial;

import java.io.Serializable;
import java.time.Instant;

/**
 * One row of the {@code sweeps} table. {@code status} is RUNNING while the sweep runs, then COMPLETE or FAILED;
 * finishedAt is null while running; unknown metrics are NaN (stored as null). {@code notes} holds the summary's
 * warnings and verdicts (range edge, winner versus runner-up), one per line; empty when there are none.
 * {@code space} is the searched space as HOCON (empty for sweeps stored before the column existed).
 * {@code finalTest} is the final stage's test accuracy over its replicas ({@link FinalTest#NONE} when unknown);
 * {@code testAccuracy} stays the first final network's (final-000).
 */
public record SweepRecord(String sweepId, String name, String config, SweepStatus status, Instant startedAt,
                          Instant finishedAt, String bestTrialId, double bestLog10Lambda, double bestValAccuracy,
                          double testAccuracy, String sparkMaster, String applicationId, String versions,
                          String notes, String space, FinalTest finalTest) implements Serializable {
    public SweepRecord {
        notes = notes == null ? "" : notes;
        space = space == null ? "" : space;
        finalTest = finalTest == null ? FinalTest.NONE : finalTest;
    }

    /** A record without final-stage statistics. */
    public SweepRecord(String sweepId, String name, String config, SweepStatus status, Instant startedAt,
                       Instant finishedAt, String bestTrialId, double bestLog10Lambda, double bestValAccuracy,
                       double testAccuracy, String sparkMaster, String applicationId, String versions,
                       String notes, String space) {
        this(sweepId, name, config, status, startedAt, finishedAt, bestTrialId, bestLog10Lambda, bestValAccuracy,
                testAccuracy, sparkMaster, applicationId, versions, notes, space, FinalTest.NONE);
    }

    /** A record without its space. */
    public SweepRecord(String sweepId, String name, String config, SweepStatus status, Instant startedAt,
                       Instant finishedAt, String bestTrialId, double bestLog10Lambda, double bestValAccuracy,
                       double testAccuracy, String sparkMaster, String applicationId, String versions, String notes) {
        this(sweepId, name, config, status, startedAt, finishedAt, bestTrialId, bestLog10Lambda, bestValAccuracy,
                testAccuracy, sparkMaster, applicationId, versions, notes, "");
    }

    /** A record without notes. */
    public SweepRecord(String sweepId, String name, String config, SweepStatus status, Instant startedAt,
                       Instant finishedAt, String bestTrialId, double bestLog10Lambda, double bestValAccuracy,
                       double testAccuracy, String sparkMaster, String applicationId, String versions) {
        this(sweepId, name, config, status, startedAt, finishedAt, bestTrialId, bestLog10Lambda, bestValAccuracy,
                testAccuracy, sparkMaster, applicationId, versions, "", "");
    }

    /** This record finished at {@code finishedAt} with a status, the best trial (or none) and the notes. */
    public SweepRecord finished(SweepStatus status, Instant finishedAt, String bestTrialId, double bestLog10Lambda,
                                double bestValAccuracy, double testAccuracy, String notes) {
        return new SweepRecord(sweepId, name, config, status, startedAt, finishedAt, bestTrialId, bestLog10Lambda,
                bestValAccuracy, testAccuracy, sparkMaster, applicationId, versions, notes, space, finalTest);
    }

    /** This record with the final stage's test statistics. */
    public SweepRecord withFinalTest(FinalTest f) {
        return new SweepRecord(sweepId, name, config, status, startedAt, finishedAt, bestTrialId, bestLog10Lambda,
                bestValAccuracy, testAccuracy, sparkMaster, applicationId, versions, notes, space, f);
    }
}
