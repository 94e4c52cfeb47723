package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;

class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** A command whose behaviour the test decides. */
    private static final class Fake implements Command {
        final AtomicReference<Invocation> seen = new AtomicReference<>();
        final Function<Invocation, Integer> body;

        Fake(Function<Invocation, Integer> body) {
            this.body = body;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String summary() {
            return "a fake command for tests";
        }

        @Override
        public List<Option> options() {
            return List.of(Option.value("steps", "N", "how many steps"), Option.flag("quick", "fewer steps"),
                    Option.flag("slow", "more steps"));
        }

        @Override
        public String arguments() {
            return "ARG...";
        }

        @Override
        public String notes() {
            return "Notes on the fake command.\n";
        }

        @Override
        public int run(Invocation invocation) {
            seen.set(invocation);
            return body.apply(invocation);
        }
    }

    private int run(Command command, Map<String, String> env, String... args) {
        return Main.run(args, out, err, List.of(command), env);
    }

    @Test
    void defaultCommandsAreRegistered() {
        assertEquals(List.of("sweep", "query", "experiment", "train", "gradcheck", "bench", "report", "replay",
                "compact", "evaluate", "predict", "score", "bench-score", "bench-search", "bench-data", "dashboard", "data"),
                Main.commands().stream().map(Command::name).toList());
    }

    @Test
    void unknownCommandExitsTwoWithOneLineListingTheCommands() {
        int status = Main.run(new String[] {"nope"}, out, err);
        assertEquals(2, status);
        assertEquals("knet: unknown command 'nope'; commands: sweep, query, experiment, train, gradcheck, bench, report, "
                + "replay, compact, evaluate, predict, score, bench-score, bench-search, bench-data, dashboard, data (knet --help for usage)\n",
                err().replace(System.lineSeparator(), "\n"));
        assertEquals("", out());
    }

    @Test
    void missingConfFileExitsTwoWithOneLineNamingIt() {
        Path missing = dir.resolve("missing.conf");
        int status = Main.run(new String[] {"train", "--conf", missing.toString()}, out, err);
        assertEquals(2, status);
        assertEquals("knet: config file not found: " + missing, err().strip());
        assertEquals(1, err().strip().lines().count());
    }

    @Test
    void helpListsCommandsAndCommonOptions() {
        assertEquals(0, Main.run(new String[] {"--help"}, out, err));
        String help = out();
        assertTrue(help.startsWith("usage: knet <command>"), help);
        for (String s : List.of("train", "gradcheck", "bench", "--conf FILE", "--set key=value", "--master URL")) {
            assertTrue(help.contains(s), s + " missing from\n" + help);
        }
        for (Command c : Main.commands()) assertTrue(help.contains(c.summary()));
        assertEquals("", err());
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(0, Main.run(new String[0], out, err));
        assertTrue(out().startsWith("usage: knet <command>"));
    }

    @Test
    void commandHelpIncludesItsOwnUsageAndDoesNotRunIt() {
        Fake fake = new Fake(inv -> 0);
        assertEquals(0, run(fake, Map.of(), "fake", "--help", "--set", "nonsense"));
        assertTrue(out().startsWith("usage: knet fake "), out());
        assertTrue(out().contains("a fake command for tests"));
        assertTrue(out().contains("fake options:\n  --steps N"), out());
        assertTrue(out().contains("how many steps"), out());
        assertTrue(out().contains("Notes on the fake command."), out());
        assertEquals(null, fake.seen.get());
    }

    @Test
    void commandReceivesConfigMasterOptionsAndPositionals() throws Exception {
        Path conf = dir.resolve("c.conf");
        Files.writeString(conf, "knet.training.cycles = 4\n");
        Fake fake = new Fake(inv -> 7);
        int status = run(fake, Map.of(), "fake", "--conf=" + conf, "--set", "network.hidden=[10]", "--master",
                "local[3]", "a", "--steps", "12", "b", "--quick");
        assertEquals(7, status, "the command's status is returned");
        Invocation inv = fake.seen.get();
        assertNotNull(inv);
        assertEquals(4, inv.config().run().training().cycles());
        assertEquals(List.of(10), inv.config().run().network().hidden());
        assertEquals("local[3]", inv.master());
        assertEquals("12", inv.option("steps", "1"));
        assertTrue(inv.flag("quick"));
        assertFalse(inv.flag("slow"));
        assertEquals(List.of("a", "b"), inv.positional());
        assertEquals(out, inv.out());
        assertEquals(err, inv.err());
    }

    @Test
    void configErrorsExitTwoBeforeTheCommandRuns() {
        Fake fake = new Fake(inv -> 0);
        assertEquals(2, run(fake, Map.of(), "fake", "--set", "training.cycle=3"));
        assertEquals("knet: unknown key knet.training.cycle (from --set training.cycle=3); did you mean knet.training.cycles?",
                err().strip());
        assertEquals(null, fake.seen.get());
    }

    @Test
    void badCommandLineExitsTwo() {
        assertEquals(2, run(new Fake(inv -> 0), Map.of(), "fake", "--conf"));
        assertEquals("knet: --conf needs a value: --conf FILE", err().strip());
    }

    @Test
    void userErrorFromTheCommandExitsTwoEvenWhenWrapped() {
        Fake fake = new Fake(inv -> {
            throw new RuntimeException("job aborted", new KnetException("no CIFAR-10 at /x"));
        });
        assertEquals(2, run(fake, Map.of(), "fake"));
        assertEquals("knet: no CIFAR-10 at /x", err().strip());
    }

    @Test
    void internalErrorExitsOneWithoutStackTraceUnlessDebug() {
        Fake fake = new Fake(inv -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(1, run(fake, Map.of(), "fake"));
        assertTrue(err().startsWith("knet: internal error: java.lang.IllegalStateException: boom"), err());
        assertFalse(err().contains("\tat "), err());

        errBytes.reset();
        assertEquals(1, run(fake, Map.of("KNET_DEBUG", "1"), "fake"));
        assertTrue(err().startsWith("knet: internal error: java.lang.IllegalStateException: boom"), err());
        assertTrue(err().contains("\tat "), err());
    }
}
