package org.knetsweep.config;

import java.util.Locale;

/** Where the rows come from: CIFAR-10's binary batches, or a labelled Parquet table. */
public enum DataFormat {
    CIFAR10("cifar10"), PARQUET("parquet");

    private final String label;

    DataFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static DataFormat parse(String key, String value) {
        for (DataFormat f : values()) if (f.label.equals(value.strip().toLowerCase(Locale.ROOT))) return f;
        throw Checks.invalid(key, "\"" + value + "\"", "\"cifar10\" or \"parquet\"");
    }
}
