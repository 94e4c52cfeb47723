package org.knetsweep.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.knetsweep.KnetException;
import org.knetsweep.dashboard.DashboardServer;
import org.knetsweep.report.SweepReport;
import org.knetsweep.spark.SparkStores;

/**
 * {@code knet dashboard}: a local, read-only web server over the result tables (no Spark session); runs until
 * stopped (Ctrl-C).
 */
public final class DashboardCommand implements Command {
    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public String summary() {
        return "a live, read-only web page over the result tables: every sweep, its trials and charts";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.RESULTS,
                Option.value("port", "N", "port to listen on (default: " + DashboardServer.DEFAULT_PORT
                        + "; 0 picks a free one)"),
                Option.value("host", "ADDR", "address to listen on (default: " + DashboardServer.DEFAULT_HOST
                        + ", this machine only)"),
                Option.value("reports", "DIR", "where `knet report` wrote its reports, linked from the sweep pages "
                        + "(default: " + SweepReport.DEFAULT_OUT + ")"));
    }

    @Override
    public String notes() {
        return "Runs until stopped (Ctrl-C). Sweeps that are running update on the page every few seconds.\n";
    }

    @Override
    public int run(Invocation inv) throws InterruptedException {
        String root = inv.option("results", QueryCommand.configuredRoot(inv.config()));
        int port = port(inv.option("port", String.valueOf(DashboardServer.DEFAULT_PORT)));
        String host = inv.option("host", DashboardServer.DEFAULT_HOST);
        Path reports = path(inv.option("reports", SweepReport.DEFAULT_OUT));
        DashboardServer server = DashboardServer.start(root, SparkStores.hadoopSettings(), reports,
                host, port, inv.err());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "knet-dashboard-stop"));
        inv.out().println("knet dashboard: " + server.uri() + " over " + root + " (read-only; Ctrl-C stops it)");
        inv.out().println("dashboard=" + server.uri());
        stopped.await();
        return 0;
    }

    static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KnetException("--port: expected a port number from 0 to 65535, got '" + text + "'");
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new KnetException("--reports: not a valid path: '" + text + "'", e);
        }
    }
}
