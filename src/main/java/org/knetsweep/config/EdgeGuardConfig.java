package org.knetsweep.config;

import java.io.Serializable;

/**
 * The range-edge guard of a lambda search: when the best coarse log10(lambda) lies in the outer {@code fraction} of
 * the coarse range, the sweep warns and, if {@code extend} is set, runs one further coarse stage of {@code trials}
 * values just beyond that end ({@code width} times the coarse range wide) before the fine stage.
 *
 * @param fraction share of the range at each end that counts as its edge, in [0, 0.5)
 * @param extend   run the extension stage (otherwise only warn)
 * @param trials   trials of the extension stage
 * @param width    width of the extension, as a fraction of the coarse range (above 0)
 */
public record EdgeGuardConfig(double fraction, boolean extend, int trials, double width) implements Serializable {
    /** The reference defaults: warn at the outer 10%, do not extend. */
    public static final EdgeGuardConfig DEFAULT = new EdgeGuardConfig(0.1, false, 5, 0.5);

    public EdgeGuardConfig {
        if (!(fraction >= 0 && fraction < 0.5))
            throw Checks.invalid("knet.sweep.edge.fraction", fraction, "a number in [0, 0.5)");
        Checks.positive("knet.sweep.edge.trials", trials);
        if (!(width > 0) || !Double.isFinite(width))
            throw Checks.invalid("knet.sweep.edge.width", width, "a positive fraction of the coarse range");
    }
}
