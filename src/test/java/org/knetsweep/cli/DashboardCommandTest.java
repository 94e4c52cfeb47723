package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.cli.InProcessKnet.Run;

/** {@code knet dashboard}'s user errors: one line and exit 2, before anything listens. */
class DashboardCommandTest {
    @TempDir
    Path dir;

    private Run knet(String... args) {
        return InProcessKnet.knet(List.of(args));
    }

    private static void assertOneLine(Run run, String expected) {
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(expected), run.err());
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws Exception {
        String root = dir.toString();
        assertOneLine(knet("dashboard", "--results", root, "--prot", "1"), "unknown option --prot for dashboard");
        assertOneLine(knet("dashboard", "--results", root, "--port", "http"),
                "--port: expected a port number from 0 to 65535, got 'http'");
        assertOneLine(knet("dashboard", "--results", root, "--port", "70000"), "got '70000'");
        assertOneLine(knet("dashboard", "--results", root, "sweep-1"), "dashboard takes no arguments, got 'sweep-1'");
        assertOneLine(knet("dashboard", "--results", root, "--host", "no-such-host.invalid", "--port", "0"),
                "--host no-such-host.invalid: not a known address or host name");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertOneLine(knet("dashboard", "--results", root, "--port", String.valueOf(taken.getLocalPort())),
                    "cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void helpNamesItsOptions() {
        Run run = knet("dashboard", "--help");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("--host ADDR      address to listen on (default: 127.0.0.1"), run.out());
    }
}
