package org.knetsweep.sweep;

import java.util.Locale;

/**
 * Stages of a sweep: a lambda search runs COARSE, FINE and FINAL in that order; a grid sweep runs GRID. Stored
 * lower-case in the {@code stage} column.
 */
public enum Stage {
    COARSE, FINE, FINAL, GRID;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
