package org.knetsweep.config;

import java.util.Locale;

/** Floating-point precision of training. The gradient check always uses {@link #FLOAT64}. */
public enum Precision {
    FLOAT32, FLOAT64;

    public static Precision parse(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "float32", "float", "fp32" -> FLOAT32;
            case "float64", "double", "fp64" -> FLOAT64;
            default -> throw Checks.invalid(key, value, "float32 or float64");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
