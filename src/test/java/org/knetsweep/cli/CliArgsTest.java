package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;

class CliArgsTest {
    @Test
    void commonOptionsInBothForms() {
        CliArgs a = CliArgs.parse("train", "--conf", "conf/a.conf", "--set", "seed=1", "--set=training.cycles=3",
                "--master", "local[2]");
        assertEquals("train", a.command());
        assertEquals(Path.of("conf/a.conf"), a.conf());
        assertEquals(List.of("seed=1", "training.cycles=3"), a.sets());
        assertEquals("local[2]", a.master());
        assertFalse(a.help());
        assertTrue(a.options().isEmpty());
        assertTrue(a.positional().isEmpty());

        CliArgs b = CliArgs.parse("bench", "--conf=x.conf", "--master=spark://h:7077");
        assertEquals(Path.of("x.conf"), b.conf());
        assertEquals("spark://h:7077", b.master());
    }

    @Test
    void commonOptionsMayComeBeforeTheCommand() {
        CliArgs a = CliArgs.parse("--conf", "c.conf", "--set", "seed=2", "gradcheck", "--out", "o.md");
        assertEquals("gradcheck", a.command());
        assertEquals(Path.of("c.conf"), a.conf());
        assertEquals(List.of("seed=2"), a.sets());
        assertEquals(Map.of("out", "o.md"), a.options());
    }

    @Test
    void commandOptionsFlagsAndPositionals() {
        CliArgs a = CliArgs.parse("train", "run1", "--epochs", "5", "--name=x=y", "--dry-run", "--set", "seed=3",
                "--offset", "-5", "run2", "--verbose");
        assertEquals("train", a.command());
        assertEquals(Map.of("epochs", "5", "name", "x=y", "dry-run", "true", "offset", "-5", "verbose", "true"),
                a.options());
        assertEquals(List.of("run1", "run2"), a.positional());
        assertEquals(List.of("seed=3"), a.sets());
        assertEquals(List.of("epochs", "name", "dry-run", "offset", "verbose"), List.copyOf(a.options().keySet()),
                "options keep their order");
    }

    @Test
    void aFlagFollowedByAnOptionIsTrueAndLastRepeatWins() {
        CliArgs a = CliArgs.parse("bench", "--quick", "--steps", "10", "--steps=20");
        assertEquals("true", a.options().get("quick"));
        assertEquals("20", a.options().get("steps"));
    }

    @Test
    void doubleDashMakesTheRestPositional() {
        CliArgs a = CliArgs.parse("train", "--", "--not-an-option", "--help");
        assertEquals(List.of("--not-an-option", "--help"), a.positional());
        assertTrue(a.options().isEmpty());
        assertFalse(a.help());
    }

    @Test
    void helpAnywhere() {
        assertTrue(CliArgs.parse("--help").help());
        assertNull(CliArgs.parse("--help").command());
        assertTrue(CliArgs.parse("-h").help());
        CliArgs a = CliArgs.parse("train", "--conf", "x.conf", "--help");
        assertTrue(a.help());
        assertEquals("train", a.command());
        assertFalse(a.options().containsKey("help"));
    }

    @Test
    void noArguments() {
        CliArgs a = CliArgs.parse();
        assertNull(a.command());
        assertNull(a.conf());
        assertNull(a.master());
        assertFalse(a.help());
        assertTrue(a.sets().isEmpty());
    }

    @Test
    void errors() {
        assertEquals("--conf needs a value: --conf FILE",
                assertThrows(KnetException.class, () -> CliArgs.parse("train", "--conf")).getMessage());
        assertEquals("--set needs a value: --set key=value",
                assertThrows(KnetException.class, () -> CliArgs.parse("train", "--set")).getMessage());
        assertTrue(assertThrows(KnetException.class, () -> CliArgs.parse("train", "--conf", "a", "--conf=b"))
                .getMessage().startsWith("--conf given twice"));
        assertTrue(assertThrows(KnetException.class, () -> CliArgs.parse("--steps", "3", "bench"))
                .getMessage().startsWith("unknown option --steps before the command"));
        assertEquals("malformed option --=3",
                assertThrows(KnetException.class, () -> CliArgs.parse("train", "--=3")).getMessage());
    }

    @Test
    void resultIsImmutable() {
        CliArgs a = CliArgs.parse("train", "--x", "1", "p");
        assertThrows(UnsupportedOperationException.class, () -> a.options().put("y", "2"));
        assertThrows(UnsupportedOperationException.class, () -> a.positional().add("q"));
        assertThrows(UnsupportedOperationException.class, () -> a.sets().add("q"));
    }
}
