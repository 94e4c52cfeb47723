package org.knetsweep.trial;

import java.io.Serializable;

/** What a finished trial reports back for progress (its full row is in the result store). */
public record TrialSummary(String trialId, TrainingStatus status, double log10Lambda, double valAccuracy,
                           long wallMs, boolean reused) implements Serializable {
    public static TrialSummary of(TrialOutcome o, boolean reused) {
        return new TrialSummary(o.trialId(), o.status(), o.log10Lambda(), o.valAccuracy(), o.wallMs(), reused);
    }
}
