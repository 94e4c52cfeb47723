package org.knetsweep.sweep;

import java.util.Locale;
import java.util.Optional;
import org.knetsweep.config.EdgeGuardConfig;

/** The range-edge guard: does a search's best value sit at an end of the searched range, and where to look next. */
public final class EdgeGuard {
    /** The end of the range a best value sits at. */
    public enum Side {
        LOWER, UPPER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private EdgeGuard() {
    }

    /** The side whose outer {@code fraction} of [min, max] holds {@code best}, if any. */
    public static Optional<Side> check(double best, LambdaSearch.Range range, double fraction) {
        double margin = fraction * (range.max() - range.min());
        if (best <= range.min() + margin) return Optional.of(Side.LOWER);
        if (best >= range.max() - margin) return Optional.of(Side.UPPER);
        return Optional.empty();
    }

    /** The range just beyond {@code side} of {@code range}, {@code width} times its width wide. */
    public static LambdaSearch.Range extension(LambdaSearch.Range range, Side side, EdgeGuardConfig cfg) {
        double w = cfg.width() * (range.max() - range.min());
        return side == Side.LOWER ? new LambdaSearch.Range(range.min() - w, range.min())
                : new LambdaSearch.Range(range.max(), range.max() + w);
    }

    /** The warning for the summary. */
    public static String warning(String stage, double best, LambdaSearch.Range range, Side side, double fraction) {
        return String.format(Locale.ROOT, "range edge: the best %s log10(lambda) %.4f lies in the %s %.0f%% of "
                        + "[%.4f, %.4f]; the optimum may lie beyond it", stage, best, side.label(), fraction * 100,
                range.min(), range.max());
    }
}
