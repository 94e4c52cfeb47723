package org.knetsweep.config;

import java.util.Locale;

/** Which trained networks a sweep saves as model artifacts ({@code knet.sweep.save-models}). */
public enum SaveModels {
    /** The final stage's network (the default). */
    FINAL,
    /** Every completed trial's network. */
    ALL,
    /** None. */
    NONE;

    public static SaveModels parse(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "final" -> FINAL;
            case "all" -> ALL;
            case "none" -> NONE;
            default -> throw Checks.invalid(key, value, "final, all or none");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a trial of the final stage ({@code finalStage}) or of another stage saves its network. */
    public boolean saves(boolean finalStage) {
        return this == ALL || this == FINAL && finalStage;
    }
}
