package org.knetsweep.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.cli.InProcessKnet;
import org.knetsweep.sweep.SyntheticData;
import org.knetsweep.sweep.TrialTask;

/**
 * The dashboard of a real sweep as a browser shows it: a small joint (lambda, eta-max) search on Spark local[2]
 * over synthetic CIFAR-10-shaped data, one coarse trial held back 60 s ({@link TrialTask#SLOW_TRIALS}) so that the
 * sweep is surely still running at the first look. Headless Chromium loads the sweep's page while it runs (status
 * RUNNING, the finished trials in the table, a screenshot), and again after the sweep: more trials, COMPLETE.
 * The running page's screenshot is kept as {@code target/dashboard-running.png} (docs/dashboard.md shows one).
 */
@Tag("spark")
class DashboardBrowserTest {
    private static final Pattern TRIAL_ROW = Pattern.compile("<tr data-trial=\"([^\"]+)\"");
    private static final String ID = "joint-live";

    @TempDir
    Path dir;

    @Test
    void theSweepPageWhileTheSweepRunsAndAfter() throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(Files.createDirectories(dir.resolve("chromium")));
        Path data = SyntheticData.write(dir.resolve("in"), 100);
        Path results = dir.resolve("tables");
        List<String> args = new ArrayList<>(List.of("sweep", "--master", "local[2]", "--sweep-id", ID));
        for (String s : SyntheticData.tinySweep(data, results, "knet.sweep.name=joint-search",
                "knet.sweep.space.log10-lambda={type=uniform,min=-3,max=-1}",
                "knet.sweep.space.eta-max={type=log-uniform,min=0.02,max=0.3}", "knet.sweep.coarse.trials=6",
                "knet.sweep.fine.trials=3")) {
            args.add("--set");
            args.add(s);
        }
        System.setProperty(TrialTask.SLOW_TRIALS, "coarse-005:60000");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (DashboardServer server = DashboardServer.start(results.toString(), java.util.Map.of(),
                dir.resolve("reports"), "127.0.0.1", 0, new PrintStream(log, true))) {
            CompletableFuture<InProcessKnet.Run> sweep = CompletableFuture.supplyAsync(() -> InProcessKnet.knet(args));
            String page = server.uri() + "sweep/" + ID;
            waitForTrials(server, 3, sweep);

            String running = chromium.dumpDom(page, 8_000);
            assertTrue(running.contains("<dd id=\"status\" class=\"status running\">RUNNING</dd>"), running);
            List<String> first = trialRows(running);
            assertTrue(first.size() >= 3, "finished trials in the table while running: " + first);
            assertTrue(running.contains("<canvas"), "ECharts drew its charts: " + running);
            Path png = dir.resolve("running.png");
            chromium.screenshot(page, png, 1280, 2200, 8_000);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1280, image.getWidth());
            assertTrue(chartPixels(image) > 2_000, "chart colours in the screenshot");
            Path kept = Path.of("target", "dashboard-running.png");
            Files.createDirectories(kept.getParent());
            Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);

            InProcessKnet.Run finished = sweep.get(10, TimeUnit.MINUTES);
            assertEquals(0, finished.status(), finished.out() + finished.err());
            String after = chromium.dumpDom(page, 8_000);
            List<String> later = trialRows(after);
            assertTrue(later.size() > first.size(), "more trials on a later look: " + first + " then " + later);
            assertTrue(later.containsAll(first), later.toString());
            assertTrue(after.contains("class=\"status complete\">COMPLETE</dd>"), after);
            String start = chromium.dumpDom(server.uri().toString(), 4_000);
            assertTrue(start.contains(">" + ID + "</a>"), start);
        } finally {
            System.clearProperty(TrialTask.SLOW_TRIALS);
        }
        assertEquals("", log.toString(StandardCharsets.UTF_8), "no failed request");
    }

    /** Waits until the sweep has stored {@code n} trials (polling the dashboard's own data). */
    private static void waitForTrials(DashboardServer server, int n, CompletableFuture<InProcessKnet.Run> sweep)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (sweep.isDone()) throw new AssertionError("the sweep ended before the first look: " + sweep.get());
            RawHttp.Answer a = RawHttp.get(server.address(), "/api/sweep/" + ID);
            if (a.status() == 200) {
                Matcher m = Pattern.compile("\"done\":(\\d+)").matcher(a.text());
                if (m.find() && Integer.parseInt(m.group(1)) >= n && a.text().contains("\"status\":\"RUNNING\"")) return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + n + " finished trials in 5 minutes");
    }

    private static List<String> trialRows(String dom) {
        List<String> ids = new ArrayList<>();
        Matcher m = TRIAL_ROW.matcher(dom);
        while (m.find()) ids.add(m.group(1));
        return ids;
    }

    /** Pixels of ECharts' first series colours (#5470c6 blue, #91cc75 green). */
    private static int chartPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (near(r, g, b, 0x54, 0x70, 0xc6) || near(r, g, b, 0x91, 0xcc, 0x75)) n++;
            }
        }
        return n;
    }

    private static boolean near(int r, int g, int b, int r0, int g0, int b0) {
        return Math.abs(r - r0) < 30 && Math.abs(g - g0) < 30 && Math.abs(b - b0) < 30;
    }
}
