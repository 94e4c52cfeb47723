package org.knetsweep.sweep;

import java.util.Locale;

/** Stages of a lambda search, in the order they run. Stored lower-case in the {@code stage} column. */
public enum Stage {
    COARSE, FINE, FINAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
