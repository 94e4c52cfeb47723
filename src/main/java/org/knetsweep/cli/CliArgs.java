package org.knetsweep.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.knetsweep.KnetException;

/**
 * The words of {@code knet <command> [--conf FILE] [--set key=value]... [--master URL] [--help] [command options]
 * [arguments]}, checked against the options the command declares ({@link Command#options()}) and the common ones
 * ({@link Option#COMMON}). The one parser of every command: nothing else reads the raw words.
 *
 * <p>Common options may appear anywhere, command options only after the command word. Every option also takes the
 * {@code --name=value} form. A value option takes the next word unless that word starts with {@code --}; a flag takes
 * none (a word after it is an argument). Other words are arguments, as is everything after a lone {@code --}.
 * Refused, each as one {@link KnetException} line: an option the command does not declare (with the closest declared
 * one as a suggestion), a value option without its value, a flag given a value, a value option given twice (only
 * {@code --set} repeats), a required option left out, and arguments to a command that takes none. {@code --help}
 * skips the last two checks.
 *
 * @param command    the command, or null when none was given
 * @param conf       the --conf file, or null
 * @param sets       the --set arguments in order (checked by the config loader)
 * @param master     the --master URL, or null
 * @param help       --help or -h was given
 * @param options    the command's options by name (without the dashes), in order; a flag's value is "true"
 * @param positional the arguments
 */
public record CliArgs(Command command, Path conf, List<String> sets, String master, boolean help,
                      Map<String, String> options, List<String> positional) {
    public CliArgs {
        sets = List.copyOf(sets);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        positional = List.copyOf(positional);
    }

    /** Parses {@code args} for the command among {@code commands} that its first non-option word names. */
    public static CliArgs parse(List<Command> commands, String... args) {
        Command command = null;
        Path conf = null;
        List<String> sets = new ArrayList<>();
        String master = null;
        boolean help = false;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        List<Option> declared = Option.COMMON;

        boolean onlyPositional = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null) continue;
            if (onlyPositional || !arg.startsWith("-") || arg.equals("-")) {
                if (command == null && !onlyPositional) {
                    command = find(commands, arg);
                    declared = declared(command);
                } else {
                    positional.add(arg);
                }
                continue;
            }
            if (arg.equals("--")) {
                onlyPositional = true;
                continue;
            }
            if (arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) { // a single-dash word such as -5 is an argument; -format is a mistake
                if (command == null) throw new KnetException("unknown option " + arg + " (expected a command first)");
                if (Character.isLetter(arg.charAt(1))) throw unknown(command, declared, arg, arg.substring(1));
                positional.add(arg);
                continue;
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String inline = eq < 0 ? null : body.substring(eq + 1);
            if (name.isEmpty()) throw new KnetException("malformed option " + arg);
            Option option = declared.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
            if (option == null) throw unknown(command, declared, "--" + name, name);

            String value = "true";
            if (!option.takesValue()) {
                if (inline != null) throw new KnetException("--" + name + " takes no value (got " + arg + ")");
            } else if (inline != null) {
                value = inline;
            } else {
                String next = i + 1 < args.length ? args[i + 1] : null;
                if (next == null || next.startsWith("--") || next.equals("-h"))
                    throw new KnetException("--" + name + " needs a value: " + option.synopsis());
                value = next;
                i++;
            }
            if (option == Option.HELP) {
                help = true;
            } else if (option == Option.SET) {
                sets.add(value);
            } else if (option == Option.CONF) {
                if (conf != null)
                    throw new KnetException("--conf given twice (" + conf + " and " + value + "); use --set for further overrides");
                conf = confPath(value);
            } else if (option == Option.MASTER) {
                if (master != null) throw new KnetException("--master given twice (" + master + " and " + value + ")");
                if (value.isBlank()) throw new KnetException("--master needs a URL");
                master = value;
            } else {
                String before = options.put(name, value);
                if (before != null && option.takesValue())
                    throw new KnetException("--" + name + " given twice (" + before + " and " + value + ")");
            }
        }
        if (command != null && !help) {
            for (Option o : command.options()) {
                if (o.kind() == Option.Kind.REQUIRED && !options.containsKey(o.name()))
                    throw new KnetException(command.name() + " needs " + o.synopsis() + "; usage: " + Usage.synopsis(command));
            }
            if (command.arguments().isEmpty() && !positional.isEmpty()) throw noArguments(command, positional.get(0));
        }
        return new CliArgs(command, conf, sets, master, help, options, positional);
    }

    private static Command find(List<Command> commands, String word) {
        for (Command c : commands) {
            if (c.name().equals(word)) return c;
        }
        List<String> names = commands.stream().map(Command::name).toList();
        String closest = Spelling.closest(word, names);
        throw new KnetException("unknown command '" + word + "'; " + (closest != null ? "did you mean " + closest + "? "
                + "(knet --help lists the commands)" : "commands: " + String.join(", ", names) + " (knet --help for usage)"));
    }

    /** The command's options after the common ones; an IllegalStateException for a clash (a bug, not a user error). */
    static List<Option> declared(Command command) {
        List<Option> all = new ArrayList<>(Option.COMMON);
        Set<String> names = new HashSet<>();
        Option.COMMON.forEach(o -> names.add(o.name()));
        for (Option o : command.options()) {
            if (!names.add(o.name()))
                throw new IllegalStateException(command.name() + " declares --" + o.name() + " twice or as a common option");
            if (o.kind() == Option.Kind.REPEATED)
                throw new IllegalStateException(command.name() + " declares --" + o.name() + " repeatable; only --set is");
            all.add(o);
        }
        return all;
    }

    /** An undeclared option: one line naming it, with the closest declared option, else the command's options. */
    private static KnetException unknown(Command command, List<Option> declared, String given, String name) {
        String closest = Spelling.closest(name, declared.stream().map(Option::name).toList());
        String hint = closest != null ? "; did you mean --" + closest + "?" : null;
        if (command == null) {
            return new KnetException("unknown option " + given + (hint != null ? hint
                    : " before the command; command options go after it: knet <command> " + given));
        }
        if (hint == null) {
            List<Option> own = command.options();
            hint = own.isEmpty() ? "; " + command.name() + " takes only the common options " + list(Option.COMMON)
                    : "; options of " + command.name() + ": " + list(own) + " (knet " + command.name() + " --help)";
        }
        return new KnetException("unknown option " + given + " for " + command.name() + hint);
    }

    private static String list(List<Option> options) {
        return options.stream().map(Option::synopsis).collect(Collectors.joining(", "));
    }

    private static KnetException noArguments(Command command, String first) {
        String hint = first.endsWith(".conf") ? " (did you mean --conf " + first + "?)" : "";
        return new KnetException(command.name() + " takes no arguments, got '" + first + "'" + hint + "; usage: "
                + Usage.synopsis(command));
    }

    private static Path confPath(String value) {
        if (value.isBlank()) throw new KnetException("--conf needs a file name");
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new KnetException("invalid --conf file name '" + value + "': " + e.getReason());
        }
    }
}
