package org.knetsweep.cli;

import java.util.List;
import java.util.Objects;

/**
 * One declared command-line option, {@code --name} or {@code --name VALUE} (also {@code --name=VALUE}). A command
 * declares its own in {@link Command#options()}; the common ones ({@link #COMMON}) are declared here once. The parser
 * ({@link CliArgs}) accepts nothing else, and {@code knet CMD --help} lists exactly these declarations.
 *
 * @param name        the name without the dashes, e.g. {@code sweep-id}
 * @param placeholder what the value stands for in usage text (e.g. {@code ID}); null for a flag
 * @param kind        flag, value, required value or repeatable value
 * @param help        one line for {@code --help}
 */
public record Option(String name, String placeholder, Kind kind, String help) {
    /** How an option is given. */
    public enum Kind {
        /** No value; present or absent. */
        FLAG,
        /** A value, at most once. */
        VALUE,
        /** A value, exactly once: the command does not run without it. */
        REQUIRED,
        /** A value, any number of times, kept in order. */
        REPEATED
    }

    public static final Option CONF = value("conf", "FILE",
            "HOCON file layered over the defaults (reference.conf in the jar)");
    public static final Option SET = new Option("set", "key=value", Kind.REPEATED,
            "override one key, e.g. --set training.lambda=0.01 or --set network.hidden=[50,30,20]; the knet. prefix "
                    + "is optional; repeatable, applied in order after --conf");
    public static final Option MASTER = value("master", "URL", "Spark master, e.g. local[4] or spark://host:7077");
    public static final Option HELP = flag("help", "this help");
    /** The options every command takes, before or after the command word. */
    public static final List<Option> COMMON = List.of(CONF, SET, MASTER, HELP);

    /** {@code --results PATH}, the same for every command that reads the result tables. */
    public static final Option RESULTS = value("results", "PATH",
            "folder or Hadoop URI of the result tables (default: knet.results.root)");

    public Option {
        Objects.requireNonNull(kind, "kind");
        if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"))
            throw new IllegalArgumentException("option name must be lower-case words joined by '-', not '" + name + "'");
        if ((kind == Kind.FLAG) != (placeholder == null))
            throw new IllegalArgumentException("--" + name + ": a flag has no placeholder, a value option needs one");
        if (placeholder != null && placeholder.isBlank())
            throw new IllegalArgumentException("--" + name + ": blank placeholder");
        if (help == null || help.isBlank() || help.contains("\n"))
            throw new IllegalArgumentException("--" + name + ": help must be one non-empty line");
    }

    /** A flag: {@code --name} without a value. */
    public static Option flag(String name, String help) {
        return new Option(name, null, Kind.FLAG, help);
    }

    /** An optional {@code --name PLACEHOLDER}, at most once. */
    public static Option value(String name, String placeholder, String help) {
        return new Option(name, placeholder, Kind.VALUE, help);
    }

    /** A {@code --name PLACEHOLDER} the command needs. */
    public static Option required(String name, String placeholder, String help) {
        return new Option(name, placeholder, Kind.REQUIRED, help);
    }

    public boolean takesValue() {
        return kind != Kind.FLAG;
    }

    /** {@code --name} or {@code --name PLACEHOLDER}. */
    public String synopsis() {
        return "--" + name + (takesValue() ? " " + placeholder : "");
    }

    /** The synopsis as the usage line shows it: bracketed unless required, {@code ...} when repeatable. */
    String usageWord() {
        return switch (kind) {
            case REQUIRED -> synopsis();
            case REPEATED -> "[" + synopsis() + "]...";
            default -> "[" + synopsis() + "]";
        };
    }
}
