package org.knetsweep.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.report.SweepReport;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.SweepStatus;

/** The server over real sockets: its routes, escaping, and the 404 of every path the tables do not name. */
class DashboardServerTest {
    static final String DONE = "done-1";
    static final String EVIL = "evil-" + DashboardSweeps.SCRIPT;

    @TempDir
    static Path dir;
    static DashboardServer server;
    static InetSocketAddress address;
    static final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        ResultStore store = new ResultStore(dir.resolve("tables").toString());
        DashboardSweeps.write(store, DONE, "lambda-search", 12, 5, SweepStatus.COMPLETE);
        DashboardSweeps.write(store, EVIL, DashboardSweeps.SCRIPT, 4, 3, SweepStatus.RUNNING);
        Path report = SweepReport.folder(dir.resolve("reports"), DONE);
        Files.createDirectories(report);
        Files.writeString(report.resolve("report.html"), "<html><body>the report<img src=\"curves.png\"></body></html>");
        Files.write(report.resolve("curves.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(report.resolve("secret.txt"), "not served");
        Files.writeString(dir.resolve("outside.png"), "outside");
        Files.createSymbolicLink(report.resolve("link.png"), dir.resolve("outside.png"));
        server = DashboardServer.start(dir.resolve("tables").toString(), Map.of(), dir.resolve("reports"),
                DashboardServer.DEFAULT_HOST, 0, new PrintStream(log, true));
        address = server.address();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RawHttp.Answer get(String target) throws IOException {
        return RawHttp.get(address, target);
    }

    @Test
    void bindsThisMachineOnlyByDefault() {
        assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
        assertEquals("127.0.0.1", address.getAddress().getHostAddress());
        assertEquals("http://127.0.0.1:" + address.getPort() + "/", server.uri().toString());
    }

    @Test
    void startPageListsEverySweepWithItsNumbers() throws IOException {
        RawHttp.Answer a = get("/");
        assertEquals(200, a.status());
        assertTrue(a.header("Content-Type").startsWith("text/html"), a.headers());
        assertTrue(a.header("Content-Security-Policy").contains("script-src 'self'"), a.headers());
        String html = a.text();
        assertTrue(html.contains("href=\"/sweep/done-1\""), html);
        assertTrue(html.contains("<td>lambda-search</td>"), html);
        // 12 coarse trials and 3 final replicas of 12 + 0 + 3 planned; the final interval over three replicas
        assertTrue(html.contains("<td>15 / 15</td>"), html);
        assertTrue(html.contains("0.5200 [0.4950, 0.5450]"), html);
        assertTrue(html.contains("<td>2026-12-01 10:00:00Z</td>"), html);
        assertTrue(html.contains("<td>3 min 0 s</td>"), html); // 12 trials * 10 s + 60 s
        assertTrue(html.contains(">RUNNING</td><td>4 / 7</td>"), html); // 4 coarse + 3 final planned, running
    }

    @Test
    void everyStringFromTheTablesIsEscaped() throws IOException {
        String start = get("/").text();
        assertFalse(start.contains("<script>alert"), start);
        assertTrue(start.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), start);
        // the id in a link: percent-encoded, then HTML-escaped
        assertTrue(start.contains("href=\"/sweep/evil-%3Cscript%3Ealert%281%29%3C%2Fscript%3E\""), start);

        RawHttp.Answer page = get("/sweep/evil-%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
        assertEquals(200, page.status(), page.text());
        assertFalse(page.text().contains("<script>alert"), page.text());
        assertTrue(page.text().contains("data-sweep=\"evil-&lt;script&gt;alert(1)&lt;/script&gt;\""), page.text());
        assertTrue(page.text().contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · knet dashboard</title>"));

        for (String api : List.of("/api/sweeps", "/api/sweep/evil-%3Cscript%3Ealert%281%29%3C%2Fscript%3E")) {
            RawHttp.Answer json = get(api);
            assertEquals(200, json.status(), api);
            assertTrue(json.header("Content-Type").startsWith("application/json"), json.headers());
            assertFalse(json.text().contains("<script>"), json.text());
            assertTrue(json.text().contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), json.text());
        }
        RawHttp.Answer done = get("/api/sweep/done-1");
        assertTrue(done.text().contains("\"notes\":\"note \\u003cscript\\u003ealert(1)"), done.text());
    }

    @Test
    void pathsTheTablesDoNotNameAre404() throws IOException {
        // the checkout's own pom.xml by its full path from the file system's root (resolved at run time), a file
        // that surely exists wherever the tests run
        String pom = new java.io.File("pom.xml").toURI().getRawPath();
        List<String> paths = List.of("/..", "/../pom.xml", "/%2e%2e/pom.xml", "/sweep/..", "/sweep/%2e%2e",
                "/sweep/%2E%2E/%2E%2E/pom.xml", "/sweep/..%2f..%2fpom.xml", "/sweep/%2e%2e%2f%2e%2e%2fpom.xml",
                "/sweep/%252e%252e%252fpom.xml", "/sweep/done-1%2f..", "/sweep/done-1/..", "/sweep/done-1/../done-1",
                "/sweep/./done-1", "/sweep//done-1", "/sweep/done-1/", "/sweep/done-2", "/sweep/DONE-1",
                "/sweep/done-1/report/..%2f..%2f..%2fpom.xml", "/sweep/done-1/report/%2e%2e%2foutside.png",
                "/sweep/done-1/report/%252e%252e%252foutside.png", "/sweep/done-1/report/secret.txt",
                "/sweep/done-1/report/link.png", "/sweep/done-1/report/.%2freport.html", "/sweep/done-1/report/x/y",
                "/sweep/done-1/report", "/sweep/done-1/model/..", "/sweep/done-1/model/%2e%2e%2fmanifest.json",
                "/sweep/done-1/model/coarse-0001", "/sweep/done-1/model/final-000/x", "/sweep/%00",
                "/sweep/%c0%ae%c0%ae", "/sweep/%ae%ae", "/assets/", "/assets/..%2fdashboard.js",
                "/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpom.xml", "/assets/echarts.js", "/assets/dashboard.js/",
                "/assets/org/knetsweep/dashboard/dashboard.js", "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js",
                "/webjars/echarts/5.3.1/dist/echarts.min.js", "/favicon.ico", "/index.html", "/api", "/api/",
                "/api/sweeps/", "/api/sweep", "/api/sweep/..", "/api/sweep/%2e%2e", "/api/sweep/done-1/trials",
                "/api/sweep/done-1/epochs/..", "/api/sweep/done-1/epochs?file=../../pom.xml",
                pom, "/" + pom, "/sweep/%5c..%5cpom.xml", "/sweep/done-1%5c..%5c..%5cpom.xml");
        for (String p : paths) {
            RawHttp.Answer a = get(p);
            assertEquals(404, a.status(), p + " -> " + a.text());
            assertFalse(a.text().contains("<project"), p);
            assertFalse(a.text().contains("outside"), p);
        }
        // a request target that is no URI at all: the JDK's server answers 400 before any route is looked at
        for (String p : List.of("/sweep/%zz", "/sweep/%", "/sweep/done-1%2", "/sweep/done-1\\..\\..\\pom.xml")) assertEquals(400, get(p).status(), p);
    }

    @Test
    void onlyGetAndHead() throws IOException {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
            for (String p : List.of("/", "/api/sweeps", "/sweep/done-1", "/nothing")) {
                RawHttp.Answer a = RawHttp.request(address, method, p);
                assertEquals(405, a.status(), method + " " + p);
                assertEquals("GET, HEAD", a.header("Allow"));
            }
        }
        RawHttp.Answer head = RawHttp.request(address, "HEAD", "/sweep/done-1");
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(404, RawHttp.request(address, "HEAD", "/sweep/..").status());
    }

    @Test
    void sweepPageAndItsData() throws IOException {
        RawHttp.Answer page = get("/sweep/done-1");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("<dd id=\"done\">15 / 15</dd>"), page.text());
        assertTrue(page.text().contains("<script src=\"/assets/echarts.min.js\"></script>"), page.text());
        String json = get("/api/sweep/done-1").text();
        assertTrue(json.contains("\"varied\":[\"log10_lambda\",\"eta_max\",\"hidden\"]"), json);
        assertTrue(json.contains("\"report\":\"/sweep/done-1/report/\""), json);
        assertTrue(json.contains("\"href\":\"/sweep/done-1/model/final-000\""), json);
        assertTrue(json.contains("\"candidate_id\""), json);
        assertTrue(json.contains("\"test_ci95_low\":0.495"), json);
        String curves = get("/api/sweep/done-1/epochs?trial=coarse-0003&trial=nope&trial=..%2F..").text();
        assertTrue(curves.startsWith("{\"curves\":{\"coarse-0003\":{\"epoch\":[1,2,3,4,5],"), curves);
        assertFalse(curves.contains("nope"), curves);
        assertEquals(404, get("/api/sweep/done-1/epochs?trial=a&file=b").status());
        // a running sweep: no report, no models
        String running = get("/api/sweep/evil-%3Cscript%3Ealert%281%29%3C%2Fscript%3E").text();
        assertTrue(running.contains("\"status\":\"RUNNING\""), running);
        assertTrue(running.contains("\"report\":null"), running);
        assertTrue(running.contains("\"models\":[]"), running);
    }

    @Test
    void reportModelsAndAssetsWhereTheTablesNameThem() throws IOException {
        RawHttp.Answer report = get("/sweep/done-1/report/");
        assertEquals(200, report.status());
        assertTrue(report.text().contains("the report"), report.text());
        RawHttp.Answer png = get("/sweep/done-1/report/curves.png");
        assertEquals(200, png.status());
        assertEquals("image/png", png.header("Content-Type"));
        assertEquals(404, get("/sweep/evil-%3Cscript%3Ealert%281%29%3C%2Fscript%3E/report/").status());
        RawHttp.Answer manifest = get("/sweep/done-1/model/final-000");
        assertEquals(200, manifest.status());
        assertTrue(manifest.text().contains("manifest of final-000"), manifest.text());
        RawHttp.Answer echarts = get("/assets/echarts.min.js");
        assertEquals(200, echarts.status());
        assertTrue(echarts.header("Content-Type").startsWith("text/javascript"));
        assertTrue(echarts.body().length > 500_000);
        assertTrue(new String(echarts.body(), 0, 2000, StandardCharsets.UTF_8).contains("Apache"));
        assertEquals("nosniff", echarts.header("X-Content-Type-Options"));
        assertEquals(200, get("/assets/dashboard.js").status());
        assertEquals(200, get("/assets/dashboard.css").status());
        assertNull(get("/assets/dashboard.css").header("Content-Security-Policy"));
    }
}
