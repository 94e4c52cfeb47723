package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;

class CliArgsTest {
    /** A command with the given options and arguments, never run. */
    private record Declared(String name, String arguments, List<Option> options) implements Command {
        @Override
        public String summary() {
            return "a command for parser tests";
        }

        @Override
        public int run(Invocation invocation) {
            throw new AssertionError("not run by the parser");
        }
    }

    private static final Command PLAIN = new Declared("plain", "", List.of());
    private static final Command TOOL = new Declared("tool", "ARG...", List.of(Option.value("epochs", "N", "epochs"),
            Option.value("name", "S", "a name"), Option.flag("dry-run", "only print"),
            Option.value("offset", "N", "an offset"), Option.flag("verbose", "say more")));
    private static final Command NEEDY = new Declared("needy", "", List.of(Option.required("input", "PATH", "input"),
            Option.value("format", "F", "format")));
    private static final List<Command> COMMANDS = List.of(PLAIN, TOOL, NEEDY);

    private static CliArgs parse(String... args) {
        return CliArgs.parse(COMMANDS, args);
    }

    private static String error(String... args) {
        return assertThrows(KnetException.class, () -> parse(args)).getMessage();
    }

    @Test
    void commonOptionsInBothForms() {
        CliArgs a = parse("plain", "--conf", "conf/a.conf", "--set", "seed=1", "--set=training.cycles=3",
                "--master", "local[2]");
        assertSame(PLAIN, a.command());
        assertEquals(Path.of("conf/a.conf"), a.conf());
        assertEquals(List.of("seed=1", "training.cycles=3"), a.sets());
        assertEquals("local[2]", a.master());
        assertFalse(a.help());
        assertTrue(a.options().isEmpty());
        assertTrue(a.positional().isEmpty());

        CliArgs b = parse("plain", "--conf=x.conf", "--master=spark://h:7077");
        assertEquals(Path.of("x.conf"), b.conf());
        assertEquals("spark://h:7077", b.master());
    }

    @Test
    void commonOptionsMayComeBeforeTheCommand() {
        CliArgs a = parse("--conf", "c.conf", "--set", "seed=2", "tool", "--epochs", "3");
        assertSame(TOOL, a.command());
        assertEquals(Path.of("c.conf"), a.conf());
        assertEquals(List.of("seed=2"), a.sets());
        assertEquals(Map.of("epochs", "3"), a.options());
    }

    @Test
    void declaredOptionsFlagsAndArguments() {
        CliArgs a = parse("tool", "run1", "--epochs", "5", "--name=x=y", "--dry-run", "--set", "seed=3",
                "--offset", "-5", "run2", "--verbose", "-7");
        assertEquals(Map.of("epochs", "5", "name", "x=y", "dry-run", "true", "offset", "-5", "verbose", "true"),
                a.options());
        assertEquals(List.of("run1", "run2", "-7"), a.positional());
        assertEquals(List.of("seed=3"), a.sets());
        assertEquals(List.of("epochs", "name", "dry-run", "offset", "verbose"), List.copyOf(a.options().keySet()),
                "options keep their order");
    }

    @Test
    void aFlagTakesNoValueSoTheNextWordIsAnArgument() {
        CliArgs a = parse("tool", "--dry-run", "later");
        assertEquals("true", a.options().get("dry-run"));
        assertEquals(List.of("later"), a.positional());
    }

    @Test
    void doubleDashMakesTheRestPositional() {
        CliArgs a = parse("tool", "--", "--not-an-option", "--help");
        assertEquals(List.of("--not-an-option", "--help"), a.positional());
        assertTrue(a.options().isEmpty());
        assertFalse(a.help());
    }

    @Test
    void helpAnywhereSkipsTheRequiredAndArgumentChecks() {
        assertTrue(parse("--help").help());
        assertNull(parse("--help").command());
        assertTrue(parse("-h").help());
        CliArgs a = parse("plain", "--conf", "x.conf", "--help", "stray");
        assertTrue(a.help());
        assertSame(PLAIN, a.command());
        assertFalse(a.options().containsKey("help"));
        assertTrue(parse("needy", "-h").help());
    }

    @Test
    void noArguments() {
        CliArgs a = parse();
        assertNull(a.command());
        assertNull(a.conf());
        assertNull(a.master());
        assertFalse(a.help());
        assertTrue(a.sets().isEmpty());
    }

    @Test
    void unknownOptionsNameTheClosestDeclaredOne() {
        assertEquals("unknown option --epoch for tool; did you mean --epochs?", error("tool", "--epoch", "3"));
        assertEquals("unknown option --dryrun for tool; did you mean --dry-run?", error("tool", "--dryrun"));
        assertEquals("unknown option --cnof for plain; did you mean --conf?", error("plain", "--cnof", "a.conf"));
        assertEquals("unknown option --verbose for plain; plain takes only the common options --conf FILE, "
                + "--set key=value, --master URL, --help", error("plain", "--verbose"));
        assertEquals("unknown option --xyz for tool; options of tool: --epochs N, --name S, --dry-run, --offset N, "
                + "--verbose (knet tool --help)", error("tool", "--xyz=1"));
        assertEquals("unknown option -epochs for tool; did you mean --epochs?", error("tool", "-epochs", "3"));
        assertEquals("unknown option --frmat for needy; did you mean --format?", error("needy", "--frmat", "x"),
                "an unknown option is reported before a missing required one");
    }

    @Test
    void commandOptionsBeforeTheCommandAreRefused() {
        assertTrue(error("--epochs", "3", "tool").startsWith("unknown option --epochs before the command"));
        assertEquals("unknown option --cnof; did you mean --conf?", error("--cnof", "x", "tool"));
        assertEquals("unknown option -x (expected a command first)", error("-x", "tool"));
    }

    @Test
    void valuesMissingOrUnwanted() {
        assertEquals("--conf needs a value: --conf FILE", error("plain", "--conf"));
        assertEquals("--set needs a value: --set key=value", error("plain", "--set"));
        assertEquals("--epochs needs a value: --epochs N", error("tool", "--epochs", "--verbose"));
        assertEquals("--epochs needs a value: --epochs N", error("tool", "--epochs"));
        assertEquals("--dry-run takes no value (got --dry-run=yes)", error("tool", "--dry-run=yes"));
        assertEquals("--help takes no value (got --help=1)", error("tool", "--help=1"));
    }

    @Test
    void repeatsRequiredOptionsAndArguments() {
        assertTrue(error("plain", "--conf", "a", "--conf=b").startsWith("--conf given twice"));
        assertEquals("--epochs given twice (10 and 20)", error("tool", "--epochs", "10", "--epochs=20"));
        assertEquals("true", parse("tool", "--verbose", "--verbose").options().get("verbose"), "a flag may repeat");
        assertEquals("needy needs --input PATH; usage: knet needy --input PATH [--format F]", error("needy"));
        assertEquals("plain takes no arguments, got 'a.conf' (did you mean --conf a.conf?); usage: knet plain",
                error("plain", "a.conf"));
        assertEquals("malformed option --=3", error("tool", "--=3"));
        assertTrue(error("nope").startsWith("unknown command 'nope'; commands: plain, tool, needy"));
        assertEquals("unknown command 'tolo'; did you mean tool? (knet --help lists the commands)", error("tolo"));
    }

    @Test
    void resultIsImmutable() {
        CliArgs a = parse("tool", "--name", "1", "p");
        assertThrows(UnsupportedOperationException.class, () -> a.options().put("y", "2"));
        assertThrows(UnsupportedOperationException.class, () -> a.positional().add("q"));
        assertThrows(UnsupportedOperationException.class, () -> a.sets().add("q"));
    }

    @Test
    void aCommandCannotRedeclareACommonOption() {
        Command clash = new Declared("clash", "", List.of(Option.value("conf", "X", "again")));
        assertThrows(IllegalStateException.class, () -> CliArgs.parse(List.of(clash), "clash"));
    }
}
