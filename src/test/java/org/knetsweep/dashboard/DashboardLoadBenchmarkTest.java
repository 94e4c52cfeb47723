package org.knetsweep.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.SweepStatus;

/**
 * What a page of a 5,000-trial sweep costs: the sweep page and its data over HTTP, read cold (every per-trial file
 * of a running sweep), warm (cached, nothing changed), after one more trial, and after a compaction. Prints the
 * wall and CPU times (a benchmark, not a timed assertion; on a shared machine the CPU time is the steadier
 * figure); the counts it checks are what the page shows.
 */
class DashboardLoadBenchmarkTest {
    static final int TRIALS = 5_000;
    static final int EPOCHS = 20;

    @TempDir
    Path dir;

    @Test
    void aFiveThousandTrialSweep() throws IOException {
        Path tables = dir.resolve("tables");
        ResultStore store = new ResultStore(tables.toString());
        long t0 = System.nanoTime();
        DashboardSweeps.write(store, "big", "lambda-search", TRIALS, EPOCHS, SweepStatus.RUNNING);
        System.out.printf("dashboard benchmark: wrote %d trials (%d epochs each) in %.1f s%n", TRIALS, EPOCHS,
                (System.nanoTime() - t0) / 1e9);
        try (DashboardServer server = DashboardServer.start(tables.toString(), Map.of(), dir.resolve("reports"),
                "127.0.0.1", 0, new PrintStream(OutputStream.nullOutputStream()))) {
            InetSocketAddress a = server.address();
            page(a, "cold, 10,000 per-trial files", TRIALS);
            page(a, "warm, unchanged", TRIALS);
            page(a, "warm, unchanged, again", TRIALS);
            store.writeTrial(DashboardSweeps.coarse("big", TRIALS, TRIALS, EPOCHS, "h"));
            page(a, "one more trial", TRIALS + 1);
            time(a, "epochs of 3 picked trials (cold: every epochs file)",
                    "/api/sweep/big/epochs?trial=coarse-0001&trial=coarse-0002&trial=coarse-4999");
            time(a, "epochs of 3 picked trials (warm)",
                    "/api/sweep/big/epochs?trial=coarse-0001&trial=coarse-0002&trial=coarse-4999");
            store.compact("big");
            page(a, "compacted, cold", TRIALS + 1);
            page(a, "compacted, warm", TRIALS + 1);
            time(a, "start page", "/");
        }
    }

    /** CPU time of this JVM, all threads: what a request costs on a machine not shared with other builds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void page(InetSocketAddress a, String what, int trials) throws IOException {
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        RawHttp.Answer html = RawHttp.get(a, "/sweep/big");
        RawHttp.Answer json = RawHttp.get(a, "/api/sweep/big");
        double ms = (System.nanoTime() - t0) / 1e6;
        double cpu = (cpuNanos() - c0) / 1e6;
        assertEquals(200, html.status());
        assertEquals(200, json.status());
        assertTrue(json.text().contains("\"done\":" + trials + ","), what + ": " + json.text().substring(0, 300));
        System.out.printf("dashboard benchmark: %d-trial sweep page + data, %s: %.0f ms, %.0f ms of CPU (%d kB of JSON)%n",
                trials, what, ms, cpu, json.body().length / 1024);
    }

    private static void time(InetSocketAddress a, String what, String target) throws IOException {
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        RawHttp.Answer r = RawHttp.get(a, target);
        double ms = (System.nanoTime() - t0) / 1e6;
        double cpu = (cpuNanos() - c0) / 1e6;
        assertEquals(200, r.status(), target);
        System.out.printf("dashboard benchmark: %s: %.0f ms, %.0f ms of CPU%n", what, ms, cpu);
    }
}
