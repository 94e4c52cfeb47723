package org.knetsweep.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knetsweep.KnetException;

/**
 * The words of {@code knet <command> [--conf FILE] [--set key=value]... [--master URL] [--help] [command options]
 * [positional]}.
 *
 * <p>Common options ({@code --conf}, {@code --set}, {@code --master}, {@code --help} / {@code -h}) may appear anywhere
 * and also take the {@code --name=value} form. After the command, any other {@code --name value},
 * {@code --name=value} or bare {@code --flag} (value "true" when followed by another {@code --} option or nothing) is
 * a command option; other words are positional, as is everything after a lone {@code --}. Before the command only
 * common options are allowed.
 *
 * @param command    the command word, or null when none was given
 * @param conf       the --conf file, or null
 * @param sets       the --set arguments in order (checked by the config loader)
 * @param master     the --master URL, or null
 * @param help       --help or -h was given
 * @param options    command options by name (without the dashes), in order; the last of repeated names wins
 * @param positional the remaining words
 */
public record CliArgs(String command, Path conf, List<String> sets, String master, boolean help,
                      Map<String, String> options, List<String> positional) {
    public static final String CONF = "conf";
    public static final String SET = "set";
    public static final String MASTER = "master";
    public static final String HELP = "help";

    public CliArgs {
        sets = List.copyOf(sets);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        positional = List.copyOf(positional);
    }

    public static CliArgs parse(String... args) {
        String command = null;
        Path conf = null;
        List<String> sets = new ArrayList<>();
        String master = null;
        boolean help = false;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();

        boolean onlyPositional = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null) continue;
            if (onlyPositional || !arg.startsWith("-") || arg.equals("-")) {
                if (command == null && !onlyPositional) command = arg;
                else positional.add(arg);
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
            if (!arg.startsWith("--")) { // a single-dash word such as -5 is positional
                if (command == null) throw new KnetException("unknown option " + arg + " (expected a command first)");
                positional.add(arg);
                continue;
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String inline = eq < 0 ? null : body.substring(eq + 1);
            if (name.isEmpty()) throw new KnetException("malformed option " + arg);

            switch (name) {
                case HELP -> {
                    if (inline != null) throw new KnetException("--help takes no value");
                    help = true;
                }
                case CONF, SET, MASTER -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1] == null) {
                            throw new KnetException("--" + name + " needs a value: --" + name + " " + placeholder(name));
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case CONF -> {
                            if (conf != null) throw new KnetException("--conf given twice (" + conf + " and " + value + "); use --set for further overrides");
                            if (value.isBlank()) throw new KnetException("--conf needs a file name");
                            try {
                                conf = Path.of(value);
                            } catch (InvalidPathException e) {
                                throw new KnetException("invalid --conf file name '" + value + "': " + e.getReason());
                            }
                        }
                        case SET -> sets.add(value);
                        default -> {
                            if (master != null) throw new KnetException("--master given twice (" + master + " and " + value + ")");
                            if (value.isBlank()) throw new KnetException("--master needs a URL");
                            master = value;
                        }
                    }
                }
                default -> {
                    if (command == null) {
                        throw new KnetException("unknown option " + arg + " before the command; command options go after it: knet <command> " + arg);
                    }
                    String value = inline;
                    if (value == null) {
                        boolean hasValue = i + 1 < args.length && args[i + 1] != null && !args[i + 1].startsWith("--");
                        value = hasValue ? args[++i] : "true";
                    }
                    options.put(name, value);
                }
            }
        }
        return new CliArgs(command, conf, sets, master, help, options, positional);
    }

    private static String placeholder(String name) {
        return switch (name) {
            case CONF -> "FILE";
            case SET -> "key=value";
            default -> "URL";
        };
    }
}
