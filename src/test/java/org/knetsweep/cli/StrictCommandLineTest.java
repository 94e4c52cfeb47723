package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.results.ResultSchema;
import org.knetsweep.spark.SparkSessions;

/**
 * Every command's command line is checked against its declared options before anything runs: a misspelled option is
 * one line and exit 2 with the intended option as a suggestion, and --help lists exactly the declared options.
 */
class StrictCommandLineTest {
    @TempDir
    Path dir;

    private static InProcessKnet.Run knet(String... args) {
        return InProcessKnet.knet(List.of(args));
    }

    private static void assertOneLine(InProcessKnet.Run run, String expected) {
        assertEquals(2, run.status(), run.err());
        assertEquals(expected + "\n", run.err().replace(System.lineSeparator(), "\n"));
        assertEquals("", run.out());
    }

    /** {@code name} with two neighbouring letters swapped: one edit away, as typed by a hurried hand. */
    static String misspell(String name) {
        for (int i = 1; i + 1 < name.length(); i++) {
            char a = name.charAt(i);
            char b = name.charAt(i + 1);
            if (a != b && a != '-' && b != '-')
                return name.substring(0, i) + b + a + name.substring(i + 2);
        }
        throw new IllegalArgumentException("cannot misspell " + name);
    }

    @Test
    void everyMisspelledOptionOfEveryCommandIsOneLineWithTheIntendedOption() {
        Object sparkBefore = SparkSessions.existing();
        String missingConf = dir.resolve("missing.conf").toString();
        int checked = 0;
        for (Command command : Main.commands()) {
            List<Option> declared = new ArrayList<>(command.options());
            declared.addAll(Option.COMMON);
            for (Option option : declared) {
                String typo = misspell(option.name());
                assertNotEquals(option.name(), typo);
                // --conf names a missing file: the typo is reported first, so the command line is checked before the
                // configuration is read, let alone any work done
                InProcessKnet.Run run = knet(command.name(), "--conf", missingConf, "--" + typo, "x");
                assertOneLine(run, "knet: unknown option --" + typo + " for " + command.name() + "; did you mean --"
                        + option.name() + "?");
                checked++;
            }
        }
        assertTrue(checked >= Main.commands().size() * Option.COMMON.size());
        assertSame(sparkBefore, SparkSessions.existing(), "no Spark session started");
    }

    @Test
    void theIssuesExamples() {
        assertOneLine(knet("sweep", "--conf", "conf/lambda-search.conf", "--sweepid", "X"),
                "knet: unknown option --sweepid for sweep; did you mean --sweep-id?");
        assertOneLine(knet("train", "--cnof", "conf/train-3layer.conf"),
                "knet: unknown option --cnof for train; did you mean --conf?");
        assertOneLine(knet("query", "SELECT 1", "--fromat", "csv"),
                "knet: unknown option --fromat for query; did you mean --format?");
        assertOneLine(knet("gradcheck", "--sweep-id", "X"), "knet: unknown option --sweep-id for gradcheck; "
                + "gradcheck takes only the common options --conf FILE, --set key=value, --master URL, --help");
    }

    @Test
    void valuesArgumentsAndRequiredOptions() {
        assertOneLine(knet("query", "SELECT 1", "--format"), "knet: --format needs a value: --format F");
        assertOneLine(knet("report", "s1", "--out", "--results", "r"), "knet: --out needs a value: --out DIR");
        assertOneLine(knet("sweep", "--no-compact=yes"), "knet: --no-compact takes no value (got --no-compact=yes)");
        assertOneLine(knet("query", "SELECT 1", "--limit", "3", "--limit=4"), "knet: --limit given twice (3 and 4)");
        assertOneLine(knet("sweep", "conf/lambda-search.conf"), "knet: sweep takes no arguments, got "
                + "'conf/lambda-search.conf' (did you mean --conf conf/lambda-search.conf?); usage: knet sweep "
                + "[--sweep-id ID] [--no-compact]");
        assertOneLine(knet("sweep", "--sweep-id="), "knet: --sweep-id needs an id, not a blank one");
        assertOneLine(knet("compact"), "knet: compact needs --sweep-id ID; usage: knet compact --sweep-id ID "
                + "[--results PATH]");
        assertOneLine(knet("score", "m", "--input", "in"), "knet: score needs --output URI; usage: knet score MODEL "
                + "--input URI --output URI [--column NAME] [--overwrite] [--results PATH]");
    }

    @Test
    void integerOptionsNameTheOptionItsValueAndTheRangeExpected() {
        assertOneLine(knet("query", "SELECT 1", "--limit", "-1"), "knet: --limit -1: expected a non-negative integer");
        assertOneLine(knet("predict", "m", "--input", "in", "--limit", "x"), "knet: --limit x: expected a non-negative integer");
        assertOneLine(knet("bench-search", "--seeds", "0"), "knet: --seeds 0: expected a positive integer");
        assertOneLine(knet("bench-search", "--lag", "1.5"), "knet: --lag 1.5: expected a non-negative integer");
        assertOneLine(knet("bench-score", "--runs", "many"), "knet: --runs many: expected a positive integer");
        assertOneLine(knet("bench-data", "--warm", "-2"), "knet: --warm -2: expected a non-negative integer");
    }

    /** Every {@code --word} of a help text that is an option name (the {@code --name=value} form aside). */
    private static Set<String> mentionedOptions(String help) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9-]*)").matcher(help.replace("--name=value", ""));
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @Test
    void everyCommandsHelpListsExactlyItsDeclaredOptions() {
        for (Command command : Main.commands()) {
            InProcessKnet.Run run = knet(command.name(), "--help");
            assertEquals(0, run.status(), run.err());
            String help = run.out();
            String flat = help.replaceAll("\\s+", " ");
            assertTrue(help.startsWith("usage: knet " + command.name() + " "), help);
            Set<String> declared = new TreeSet<>();
            for (Option o : command.options()) {
                declared.add(o.name());
                assertTrue(help.contains("\n  " + o.synopsis()), o.synopsis() + " not listed in\n" + help);
                assertTrue(flat.contains(o.help().replaceAll("\\s+", " ")), o.help() + " not in\n" + help);
            }
            for (Option o : Option.COMMON) {
                declared.add(o.name());
                assertTrue(flat.contains(o.help()), o.help() + " not in\n" + help);
            }
            assertTrue(declared.containsAll(mentionedOptions(help)),
                    command.name() + " --help mentions undeclared options " + mentionedOptions(help));
            for (String line : help.split("\n")) assertTrue(line.length() <= Usage.WIDTH, "too long: " + line);
        }
    }

    @Test
    void queryHelpListsAllSixTables() {
        assertEquals(6, ResultSchema.TABLES.size());
        String help = knet("query", "--help").out();
        for (String table : ResultSchema.TABLES) assertTrue(help.contains(table), table + " missing from\n" + help);
        assertTrue(help.contains("Views (docs/tables.md): trials, epochs, sweeps, rungs, candidates, models;"), help);
    }
}
