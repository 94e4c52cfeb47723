package org.knetsweep.trial;

import java.io.Serializable;

/**
 * The test accuracy of a sweep's final stage over its completed replicas (the winner retrained with different
 * seeds): mean, sample standard deviation and 95% Student-t interval; sd and interval are NaN with fewer than two.
 *
 * @param replicas final networks that completed with a test accuracy (0: none, or unknown for an older sweep)
 * @param refit    the images they trained on: "train" or "train+validation" ("" when unknown)
 */
public record FinalTest(int replicas, double mean, double sd, double ciLow, double ciHigh, String refit)
        implements Serializable {
    /** Nothing known (a grid, a sweep without a final stage, or a row stored before these columns). */
    public static final FinalTest NONE = new FinalTest(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "");

    public FinalTest {
        refit = refit == null ? "" : refit;
    }
}
