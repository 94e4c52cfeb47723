package org.knetsweep.trial;

import java.util.Locale;

/**
 * Stages of a sweep: a lambda search runs COARSE, (EXTEND, when the range-edge guard extends the coarse range,)
 * FINE and FINAL in that order; a grid sweep runs GRID. Stored lower-case in the {@code stage} column. New stages go
 * at the end: the ordinal is part of every trial's seed.
 */
public enum Stage {
    COARSE, FINE, FINAL, GRID, EXTEND;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
