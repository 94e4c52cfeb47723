package org.knetsweep.trial;

import java.io.Serializable;
import java.util.List;

/**
 * The settings of a trial other than lambda (which the stores keep as log10_lambda and lambda) that a search space
 * may vary; with log10(lambda) they identify a candidate. Unknown values (rows stored before a column existed) are
 * NaN, -1, an empty list or null.
 */
public record Hyperparameters(List<Integer> hidden, Boolean batchNorm, String init, double initSigma, int cycles,
                              double etaMin, double etaMax, int stepSize, int batchSize) implements Serializable {
    public Hyperparameters {
        hidden = hidden == null ? List.of() : List.copyOf(hidden);
    }
}
