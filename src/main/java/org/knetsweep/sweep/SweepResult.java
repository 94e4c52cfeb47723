package org.knetsweep.sweep;

import java.util.List;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.TrialOutcome;

/**
 * The result of a sweep run: its {@code sweeps} row, the timing of each Spark stage, every trial, and every search
 * stage's candidates (with their replicas' statistics).
 */
public record SweepResult(SweepRecord sweep, List<StageReport> stages, List<TrialOutcome> trials,
                          List<Candidate> candidates) {
}
