package org.knetsweep.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.knetsweep.KnetException;
import org.knetsweep.config.LoadedConfig;

/**
 * A parsed command line: the validated configuration (reference.conf, then --conf FILE, then each --set in order),
 * the Spark master (null: the default), command-specific options ({@code --name value} or {@code --flag} with value
 * "true") and positional arguments; {@code sets} are the raw --set overrides, for commands that load further files.
 */
public record Invocation(LoadedConfig config, String master, Map<String, String> options, List<String> positional,
                         PrintStream out, PrintStream err, List<String> sets) {
    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /**
     * Option {@code --name} as an integer of at least {@code min} ({@code fallback} when absent); anything else is
     * a usage error naming the option, its value and what was expected.
     */
    public int intOption(String name, int fallback, int min) {
        String text = options.get(name);
        if (text == null) return fallback;
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= min) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new KnetException("--" + name + " " + text + ": expected " + (min == 1 ? "a positive integer"
                : min == 0 ? "a non-negative integer" : "an integer of at least " + min));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }
}
