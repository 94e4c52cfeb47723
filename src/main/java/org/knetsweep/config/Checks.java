package org.knetsweep.config;

import org.knetsweep.KnetException;

/** Validation helpers for config records: each failure names the HOCON key, the value and what was expected. */
final class Checks {
    private Checks() {
    }

    static KnetException invalid(String key, Object value, String expected) {
        return new KnetException("invalid value for " + key + ": " + value + " (expected " + expected + ")");
    }

    static int positive(String key, int value) {
        if (value <= 0) throw invalid(key, value, "a positive integer");
        return value;
    }

    static int nonNegative(String key, int value) {
        if (value < 0) throw invalid(key, value, "a non-negative integer (0 means no limit / automatic)");
        return value;
    }

    static double positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) throw invalid(key, value, "a positive finite number");
        return value;
    }

    static double nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) throw invalid(key, value, "a non-negative finite number");
        return value;
    }

    static double fraction(String key, double value) {
        if (!(value >= 0 && value < 1)) throw invalid(key, value, "a number in [0, 1)");
        return value;
    }
}
