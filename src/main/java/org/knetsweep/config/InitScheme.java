package org.knetsweep.config;

import java.util.Locale;

/** Weight initialization: He (normal with variance 2 / fan-in) or normal(0, sigma). */
public enum InitScheme {
    HE, NORMAL;

    public static InitScheme parse(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "he" -> HE;
            case "normal" -> NORMAL;
            default -> throw Checks.invalid(key, value, "he or normal");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
