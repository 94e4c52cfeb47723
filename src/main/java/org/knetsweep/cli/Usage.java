package org.knetsweep.cli;

import java.util.ArrayList;
import java.util.List;

/** The help texts of {@code knet --help} and {@code knet CMD --help}, generated from the declared options. */
final class Usage {
    /** Lines are wrapped at this many characters. */
    static final int WIDTH = 116;

    private Usage() {
    }

    /** {@code knet NAME ARGUMENTS [--option X]...}: the command's own words, for error messages. */
    static String synopsis(Command command) {
        return String.join(" ", words(command));
    }

    private static List<String> words(Command command) {
        List<String> words = new ArrayList<>(List.of("knet", command.name()));
        if (!command.arguments().isEmpty()) words.add(command.arguments());
        command.options().forEach(o -> words.add(o.usageWord()));
        return words;
    }

    /** The common options' usage words, {@code [--conf FILE] [--set key=value]... [--master URL]}. */
    private static List<String> commonWords() {
        return Option.COMMON.stream().filter(o -> o != Option.HELP).map(Option::usageWord).toList();
    }

    /** The help of {@code command}, or of knet itself (the commands and the common options) when it is null. */
    static String of(List<Command> commands, Command command) {
        StringBuilder b = new StringBuilder();
        if (command == null) {
            b.append("usage: knet <command> ").append(String.join(" ", commonWords()))
                    .append(" [command options] [args]\n\n");
            b.append("commands:\n");
            int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (Command c : commands) b.append("  ").append(pad(c.name(), width)).append("  ").append(c.summary()).append('\n');
            b.append('\n');
            appendOptions(b, "common options:", Option.COMMON, column(Option.COMMON));
            b.append("Unknown configuration keys are rejected. Options also take the --name=value form.\n");
            b.append("Run 'knet <command> --help' for the options of a command.\n");
            return b.toString();
        }
        List<String> head = new ArrayList<>(words(command));
        head.set(0, "usage: knet");
        head.addAll(commonWords());
        b.append(wrapWords(head, ("usage: knet " + command.name() + " ").length())).append("\n\n");
        b.append(command.name()).append(": ").append(command.summary()).append("\n\n");
        List<Option> all = new ArrayList<>(command.options());
        all.addAll(Option.COMMON);
        int column = column(all);
        if (!command.options().isEmpty()) {
            appendOptions(b, command.name() + " options:", command.options(), column);
            b.append('\n');
        }
        appendOptions(b, "common options:", Option.COMMON, column);
        b.append("Options also take the --name=value form; unknown configuration keys are rejected.\n");
        String notes = command.notes();
        if (notes != null && !notes.isBlank()) b.append('\n').append(notes.stripTrailing()).append('\n');
        return b.toString();
    }

    private static void appendOptions(StringBuilder b, String title, List<Option> options, int column) {
        b.append(title).append('\n');
        for (Option o : options) b.append(wrap("  " + pad(label(o), column - 2) + o.help(), column)).append('\n');
    }

    /** Where the help column starts: after the longest option label, at least 19. */
    private static int column(List<Option> options) {
        return 2 + Math.max(17, options.stream().mapToInt(o -> label(o).length() + 2).max().orElse(0));
    }

    private static String label(Option o) {
        return o == Option.HELP ? "--help, -h" : o.synopsis() + (o.kind() == Option.Kind.REQUIRED ? " (required)" : "");
    }

    /** The words joined by spaces and broken between words to {@link #WIDTH}, continuation lines indented. */
    private static String wrapWords(List<String> words, int indent) {
        StringBuilder b = new StringBuilder();
        int lineLength = 0;
        for (String w : words) {
            if (lineLength > 0 && lineLength + 1 + w.length() > WIDTH) {
                b.append('\n').append(" ".repeat(indent));
                lineLength = indent;
            } else if (lineLength > 0) {
                b.append(' ');
                lineLength++;
            }
            b.append(w);
            lineLength += w.length();
        }
        return b.toString();
    }

    /** {@code line} broken at spaces to {@link #WIDTH}, continuation lines indented by {@code indent}. */
    private static String wrap(String line, int indent) {
        StringBuilder b = new StringBuilder();
        String rest = line;
        String prefix = "";
        while ((prefix + rest).length() > WIDTH) {
            int room = WIDTH - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= indent - prefix.length()) break; // one long word: leave it whole
            b.append(prefix).append(rest, 0, cut).append('\n');
            rest = rest.substring(cut + 1).stripLeading();
            prefix = " ".repeat(indent);
        }
        return b.append(prefix).append(rest).toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
