package org.knetsweep.trial;

import java.io.Serializable;

/**
 * One hyperparameter setting of a search stage with the validation accuracies of its completed runs (replica 0 and
 * its fresh-seed replicas): one row of the {@code candidates} table.
 *
 * @param candidateId the trial id of its replica 0
 * @param replicas    completed runs (n)
 * @param sd          sample standard deviation (NaN when n &lt; 2)
 * @param ciLow       lower end of the 95% confidence interval of the mean (Student t; NaN when n &lt; 2)
 * @param rank        1 = best mean in its stage
 * @param values      the runs' validation accuracies, replica order
 * @param settings    its settings besides lambda (the replica-0 trial's); null when not known
 */
public record Candidate(Stage stage, String candidateId, int trialIndex, double log10Lambda, int replicas,
                        double mean, double sd, double ciLow, double ciHigh, int rank, double[] values,
                        Hyperparameters settings) implements Serializable {
    public Candidate {
        values = values.clone();
    }

    /** A candidate whose settings besides lambda are not known (null). */
    public Candidate(Stage stage, String candidateId, int trialIndex, double log10Lambda, int replicas, double mean,
                     double sd, double ciLow, double ciHigh, int rank, double[] values) {
        this(stage, candidateId, trialIndex, log10Lambda, replicas, mean, sd, ciLow, ciHigh, rank, values, null);
    }

    public Candidate withRank(int value) {
        return new Candidate(stage, candidateId, trialIndex, log10Lambda, replicas, mean, sd, ciLow, ciHigh, value,
                values, settings);
    }
}
