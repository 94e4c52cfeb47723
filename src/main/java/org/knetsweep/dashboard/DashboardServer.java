package org.knetsweep.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.knetsweep.KnetException;

/**
 * The dashboard's HTTP server (the JDK's {@code com.sun.net.httpserver}): a few threads over one {@link Router},
 * read-only, with security headers on every answer. Bind it to 127.0.0.1 unless others are meant to see the
 * results.
 */
public final class DashboardServer implements AutoCloseable {
    /** Default address: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService threads;
    private final ResultsReader reader;
    private final PrintStream log;

    private DashboardServer(HttpServer server, ExecutorService threads, ResultsReader reader, PrintStream log) {
        this.server = server;
        this.threads = threads;
        this.reader = reader;
        this.log = log;
    }

    /**
     * Reads every sweep's tables once, in the background, so that the first look at a large sweep whose per-trial
     * files are not compacted does not wait for thousands of file reads.
     */
    private static void warm(SweepData data, PrintStream log) {
        try {
            for (String id : data.reader().sweepIds()) data.sweepJson(id);
        } catch (RuntimeException e) {
            log.println("knet dashboard: " + e.getMessage()); // the page that needs it reports it again
        }
    }

    /**
     * Starts a server over the tables under {@code resultsRoot} (a folder or Hadoop URI), serving reports from
     * {@code reportsDir} ({@code knet report}'s {@code --out}).
     *
     * @param port 0 for any free port
     * @param log  where failed requests are reported, one line each
     */
    public static DashboardServer start(String resultsRoot, Map<String, String> hadoopSettings, Path reportsDir,
                                        String host, int port, PrintStream log) {
        ResultsReader reader = new ResultsReader(resultsRoot, hadoopSettings);
        ReportFiles reports = new ReportFiles(reportsDir);
        SweepData data = new SweepData(reader, reports, System::currentTimeMillis);
        Router router = new Router(data, reports, new ModelManifests(reader.conf()));
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) throw new KnetException("--host " + host + ": not a known address or host name");
        HttpServer server;
        try {
            server = HttpServer.create(address, 50);
        } catch (BindException e) {
            throw new KnetException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + "; choose another --port or --host");
        } catch (IOException | IllegalArgumentException e) {
            throw new KnetException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "knet-dashboard");
            t.setDaemon(true);
            return t;
        });
        DashboardServer dashboard = new DashboardServer(server, threads, reader, log);
        server.createContext("/", exchange -> dashboard.handle(router, exchange));
        server.setExecutor(threads);
        server.start();
        threads.execute(() -> warm(data, log));
        return dashboard;
    }

    /** The address the server listens on (its port, when started with port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://HOST:PORT/}. */
    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        reader.close();
    }

    private void handle(Router router, HttpExchange exchange) throws IOException {
        try (exchange) {
            Response r;
            try {
                URI uri = exchange.getRequestURI();
                r = router.route(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery());
            } catch (KnetException e) {
                log.println("knet dashboard: " + e.getMessage());
                r = Response.error(e.getMessage());
            } catch (RuntimeException e) {
                log.println("knet dashboard: " + exchange.getRequestURI().getRawPath() + ": " + e);
                r = Response.error("internal error");
            }
            var h = exchange.getResponseHeaders();
            h.set("Content-Type", r.contentType());
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Cache-Control", "no-store");
            if (r.contentType().startsWith("text/html")) h.set("Content-Security-Policy", CSP);
            if (r.status() == 405) h.set("Allow", "GET, HEAD");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(r.status(), head ? -1 : r.body().length == 0 ? -1 : r.body().length);
            if (!head && r.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(r.body());
                }
            }
        }
    }
}
