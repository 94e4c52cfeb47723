package org.knetsweep.report;

import java.util.List;
import java.util.Locale;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * The number n of training rows of a sweep on a table, as its stored trials tell it: the configuration holds the
 * table's URI, not its size, and the report reads only the result tables. With batch size b,
 * <ul>
 * <li>an epoch curve gives the steps per epoch, floor(n / b): every epoch but the last ends on a multiple of it;</li>
 * <li>a trial that ran all its steps with {@code knet.training.step-size = 0} ran 2 n_s steps per cycle, so gives
 * n_s = floor(5 n / b) = steps / (2 cycles), exactly.</li>
 * </ul>
 * Together they bound n to at most b / 5 consecutive values (one value for b &le; 5). Only trials with batch size b
 * (or none recorded) count, and final trials only when they trained on the training split (not train+validation).
 *
 * @param stepSize n_s = floor(5 n / b) that the trials ran, or 0 when none tells it
 * @param minRows  the fewest training rows consistent with the trials (1 when they tell nothing)
 * @param maxRows  the most ({@link Long#MAX_VALUE} when they tell nothing)
 */
record TrainingRows(int stepSize, long minRows, long maxRows) {
    static final TrainingRows UNKNOWN = new TrainingRows(0, 1, Long.MAX_VALUE);

    /**
     * What {@code trials} tell of the training rows at batch size {@code batchSize}.
     *
     * @param finalOnTrainSplit whether the final stage trained on the training split (refit = train)
     */
    static TrainingRows of(List<TrialOutcome> trials, int batchSize, boolean finalOnTrainSplit) {
        long stepsPerEpoch = 0;
        long stepSize = 0;
        for (TrialOutcome t : trials) {
            if (t.batchSize() > 0 && t.batchSize() != batchSize) continue;
            if (t.stage() == Stage.FINAL && !finalOnTrainSplit) continue;
            if (stepsPerEpoch == 0) stepsPerEpoch = stepsPerEpoch(t.epochCurve());
            if (stepSize == 0 && t.stepSize() <= 0 && t.status() == TrainingStatus.COMPLETE && t.cycles() > 0
                    && t.steps() > 0 && t.steps() % (2L * t.cycles()) == 0) {
                stepSize = t.steps() / (2L * t.cycles());
            }
        }
        long min = 1;
        long max = Long.MAX_VALUE;
        if (stepsPerEpoch > 0) { // floor(n / b) = s: s b <= n < (s + 1) b
            min = stepsPerEpoch * batchSize;
            max = min + batchSize - 1;
        }
        if (stepSize > 0) { // floor(5 n / b) = n_s: n_s b <= 5 n < (n_s + 1) b
            min = Math.max(min, (stepSize * batchSize + 4) / 5);
            max = Math.min(max, ((stepSize + 1) * batchSize - 1) / 5);
        }
        if (min > max || stepSize > Integer.MAX_VALUE) return UNKNOWN; // trials of another training set
        return new TrainingRows((int) stepSize, min, max);
    }

    /** The steps per epoch of a curve: where an epoch before the last ended, over its number (0 when none). */
    private static long stepsPerEpoch(List<EpochMetrics> curve) {
        for (int i = 0; i + 1 < curve.size(); i++) {
            EpochMetrics m = curve.get(i);
            if (m.epoch() > 0 && m.step() > 0 && m.step() % m.epoch() == 0) return m.step() / m.epoch();
        }
        return 0;
    }

    /** Whether the trials bound n at all. */
    boolean bounded() {
        return maxRows != Long.MAX_VALUE;
    }

    /** Whether the trials tell n exactly. */
    boolean exact() {
        return minRows == maxRows;
    }

    /** "1,000" when exact, "1,000 to 1,019" when bounded (call only then). */
    String rows() {
        String min = String.format(Locale.ROOT, "%,d", minRows);
        return exact() ? min : min + " to " + String.format(Locale.ROOT, "%,d", maxRows);
    }
}
