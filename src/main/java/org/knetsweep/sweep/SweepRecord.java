package org.knetsweep.sweep;

import java.io.Serializable;
import java.time.Instant;

/**
 * One row of the {@code sweeps} table. {@code status} is RUNNING while the sweep runs, then COMPLETE or FAILED;
 * finishedAt is null while running; unknown metrics are NaN (stored as null).
 */
public record SweepRecord(String sweepId, String name, String config, String status, Instant startedAt,
                          Instant finishedAt, String bestTrialId, double bestLog10Lambda, double bestValAccuracy,
                          double testAccuracy, String sparkMaster, String applicationId, String versions)
        implements Serializable {
}
