package org.knetsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.TestInputs;
import org.knetsweep.cli.Main;
import org.knetsweep.results.ResultStore;

/**
 * {@code knet report} end to end: synthetic sweeps stored with ResultStore, the command run through Main, and the
 * written folder checked (PNGs decode to their size, report.md has the tables, report.html shows every PNG and only
 * files that exist).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {
    private Path root;
    private Path out;
    private Run lambda;
    private Run grid;

    /** One run of the command. */
    record Run(int status, String out, String err, Path folder) {
    }

    @BeforeAll
    void writeSweepsAndReport(@TempDir Path dir) {
        root = dir.resolve("tables");
        out = dir.resolve("reports");
        ResultStore store = new ResultStore(root.toString());
        SyntheticSweeps.writeLambdaSearch(store);
        SyntheticSweeps.writeGrid(store);
        lambda = report(SyntheticSweeps.LAMBDA_ID);
        grid = report(SyntheticSweeps.GRID_ID);
    }

    private Run report(String sweepId, String... extra) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("report", sweepId, "--results", root.toString(), "--out",
                out.toString()));
        args.addAll(List.of(extra));
        int status = Main.run(args.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8),
                out.resolve(sweepId));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lambda search.

    @Test
    void lambdaSearchReportSucceedsAndNamesItsFolder() {
        assertEquals(0, lambda.status(), lambda.err());
        assertEquals("", lambda.err());
        assertTrue(lambda.out().contains("report=" + lambda.folder().resolve("report.html")), lambda.out());
        assertTrue(lambda.out().contains("9 trials"), lambda.out());
    }

    @Test
    void lambdaSearchFiguresAreTheExpectedPngs() throws IOException {
        Set<String> expected = new TreeSet<>(List.of("lambda-search.png", "lr-schedule.png", "overview.png",
                "trial-coarse-000.png", "trial-coarse-001.png", "trial-coarse-003.png", "trial-coarse-004.png",
                "trial-fine-000.png", "trial-fine-001.png", "trial-fine-002.png", "trial-final-000.png"));
        assertEquals(expected, pngNames(lambda.folder()), "coarse-002 failed: no curve, no figure");
        assertSize(lambda.folder().resolve("lambda-search.png"), Figures.WIDTH, Figures.HEIGHT);
        assertSize(lambda.folder().resolve("lr-schedule.png"), Figures.WIDTH, Figures.HEIGHT);
        assertSize(lambda.folder().resolve("trial-final-000.png"), Figures.TRIAL_WIDTH, Figures.TRIAL_HEIGHT);
        // 8 trials with curves: two rows of four tiles
        assertSize(lambda.folder().resolve("overview.png"), 4 * Figures.TILE_WIDTH, 2 * Figures.TILE_HEIGHT);
        for (String name : expected) assertDecodes(lambda.folder().resolve(name));
    }

    @Test
    void lambdaSearchMarkdownHasTheTables() throws IOException {
        String md = Files.readString(lambda.folder().resolve("report.md"));
        assertTrue(md.startsWith("# Sweep lambda-search-20261127-060000 — lambda-search\n"), md);
        // header
        for (String s : List.of("**Status**: COMPLETE", "**Best log10(λ)**: -2.2 (λ = 6.31e-3)",
                "**Best validation accuracy**: 51.00%", "**Test accuracy**: 52.12%",
                "**Versions**: knet-sweep 0.1.0, spark 4.2.0, java 17.0.15", "**Trials**: 9 (8 complete, 1 failed)",
                "**Duration**: 3 min 35 s")) {
            assertTrue(md.contains(s), s + " missing from\n" + md);
        }
        // the trial table: a header, an alignment row and one row per trial
        String header = "| trial | stage | hidden | batch norm | init | σ | log10 λ | cycles | epochs | status "
                + "| final val acc | best val acc | test acc | wall time |";
        List<String> lines = md.lines().toList();
        int at = lines.indexOf(header);
        assertTrue(at >= 0, "trial table header missing from\n" + md);
        assertEquals("|---|---|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|", lines.get(at + 1));
        List<String> rows = lines.subList(at + 2, lines.size()).stream().takeWhile(l -> l.startsWith("|")).toList();
        assertEquals(9, rows.size(), String.join("\n", rows));
        assertEquals("| coarse-002 | coarse | [50, 50] | yes | he | — | -2.05 | 2 | 0 | FAILED | — | — | — | 35 ms |",
                rows.get(2));
        assertTrue(rows.get(8).startsWith("| final-000 | final | [50, 50] | yes | he | — | -2.2 | 3 | 30 | COMPLETE |"),
                rows.get(8));
        assertTrue(rows.get(8).contains("| 52.12% |"), rows.get(8));
        // top 3 of each stage by validation accuracy, best first
        assertTrue(md.contains("### Top 3 coarse trials by validation accuracy"), md);
        assertTrue(md.contains("### Top 3 fine trials by validation accuracy"), md);
        assertTrue(md.contains("| 1 | coarse-001 | -2.45 | 3.55e-3 |"), md);
        assertTrue(md.contains("| 1 | fine-001 | -2.2 | 6.31e-3 | 51.00% |"), md);
        assertTrue(md.contains("Final: final-000 retrained log10(λ) = -2.2 for 3 cycles (COMPLETE)"), md);
        // the failed trial's error, first line only
        assertTrue(md.contains("| coarse-002 | FAILED | java.lang.IllegalStateException: injected failure of coarse-002 |"),
                md);
        assertFalse(md.contains("Z.java"), "only the first line of an error");
        // every figure is shown
        for (String png : pngNames(lambda.folder())) assertTrue(md.contains("](" + png + ")"), png);
    }

    @Test
    void lambdaSearchHtmlShowsEveryFigureAndNothingMissing() throws IOException {
        Document html = checkedHtml(lambda.folder());
        assertEquals("Sweep lambda-search-20261127-060000 — lambda-search", html.title());
        Element trials = tableAfter(html, "trials");
        assertEquals(9, trials.select("tbody tr").size());
        assertEquals(List.of("coarse-002", "coarse", "[50, 50]", "yes", "he", "—", "-2.05", "2", "0", "FAILED", "—",
                "—", "—", "35 ms"), trials.select("tbody tr").get(2).select("td").eachText());
        assertTrue(html.select("dl.facts").text().contains("Test accuracy 52.12%"), html.select("dl.facts").text());
        assertTrue(html.select("figcaption").eachText().stream()
                .anyMatch(c -> c.startsWith("Figure 1. Validation accuracy against log10(λ)")));
        assertTrue(html.select(".stats").text().contains("52.12% test accuracy"), html.select(".stats").text());
    }

    @Test
    void scheduleCaptionComesFromTheStoredConfiguration() throws IOException {
        String md = Files.readString(lambda.folder().resolve("report.md"));
        assertTrue(md.contains("batch size 100, 1,000 training images, n\\_s = 50 = 5 · 1000 / 100; trials ran "
                + "2 cycles = 200 steps, 3 cycles = 300 steps."), md);
    }

    @Test
    void aTableSweepsScheduleHasTheRowsItsTrialsRan() throws IOException {
        ResultStore store = new ResultStore(root.toString());
        SyntheticSweeps.writeTableSearch(store, SyntheticSweeps.TABLE_ID, false);
        Run table = report(SyntheticSweeps.TABLE_ID);
        assertEquals(0, table.status(), table.err());
        String md = Files.readString(table.folder().resolve("report.md"));
        // 1,000 rows at batch 100: n_s = 50, not 5 * 45,000 / 100 (CIFAR-10's), nor 1 (no train-limit)
        assertTrue(md.contains("batch size 100, n = 1,000 to 1,019 training rows (as the trials' steps tell), "
                + "n\\_s = 50 = 5 · n / 100; trials ran 2 cycles = 200 steps, 3 cycles = 300 steps."), md);
        assertSize(table.folder().resolve("lr-schedule.png"), Figures.WIDTH, Figures.HEIGHT);
    }

    @Test
    void aTableSweepWhoseTrialsTellNoSizeSaysWhyItHasNoSchedule() throws IOException {
        ResultStore store = new ResultStore(root.toString());
        SyntheticSweeps.writeTableSearch(store, SyntheticSweeps.TABLE_FAILED_ID, true);
        Run table = report(SyntheticSweeps.TABLE_FAILED_ID);
        assertEquals(0, table.status(), table.err());
        String md = Files.readString(table.folder().resolve("report.md"));
        assertTrue(md.contains("Not shown: n\\_s = 5 · n / 100 depends on the number n of training rows of table "
                + "/data/rows-1000/train, and no trial of batch size 100 ran all its steps with "
                + "knet.training.step-size = 0 to tell it."), md);
        assertFalse(Files.exists(table.folder().resolve("lr-schedule.png")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Grid.

    @Test
    void gridReportComparesTheVaryingSettings() throws IOException {
        assertEquals(0, grid.status(), grid.err());
        Set<String> expected = new TreeSet<>(List.of("grid-val-loss.png", "grid-val-accuracy.png",
                "grid-bn-sigma-1e-1.png", "grid-bn-sigma-1e-4.png", "lr-schedule.png", "overview.png",
                "trial-grid-000.png", "trial-grid-001.png", "trial-grid-002.png", "trial-grid-003.png"));
        assertEquals(expected, pngNames(grid.folder()));
        for (String name : expected) assertDecodes(grid.folder().resolve(name));
        assertSize(grid.folder().resolve("grid-bn-sigma-1e-4.png"), Figures.WIDTH, Figures.HEIGHT);
        assertSize(grid.folder().resolve("overview.png"), 4 * Figures.TILE_WIDTH, Figures.TILE_HEIGHT);

        Document html = checkedHtml(grid.folder());
        Element table = tableAfter(html, "grid");
        List<String> labels = table.select("tbody tr").stream().map(r -> r.select("td").get(0).text()).toList();
        assertEquals(List.of("bn, σ=1e-1", "bn, σ=1e-4", "no bn, σ=1e-1", "no bn, σ=1e-4"), labels,
                "ranked by validation accuracy, labelled by the settings that vary");
        assertTrue(html.text().contains("settings that vary: batch norm, sigma."), html.text());
        List<String> captions = html.select("figcaption").eachText();
        assertTrue(captions.stream().anyMatch(c -> c.contains("σ=1e-4: loss per epoch with and without batch norm")),
                captions.toString());
        assertTrue(html.select("#lambda-search").isEmpty(), "no lambda search in a grid");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Errors and reruns.

    @Test
    void unknownSweepExitsTwoWithOneLineNamingTheIdAndTheRoot() {
        Run r = report("no-such-sweep");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        String line = r.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("knet: no sweep 'no-such-sweep' under the results root "), line);
        assertTrue(line.contains(root.toAbsolutePath().toUri().getPath().replaceAll("/$", "")), line);
        assertFalse(Files.exists(r.folder()), "nothing written");
    }

    @Test
    void missingSweepIdAndUnknownOptionAreUserErrors() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
        PrintStream devNull = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[] {"report", "--results", root.toString()}, devNull, err));
        assertTrue(e.toString(StandardCharsets.UTF_8).startsWith("knet: no sweep id given; usage: knet report SWEEP_ID"));
        e.reset();
        assertEquals(2, Main.run(new String[] {"report", "x", "--output", "y"}, devNull, err));
        assertEquals("knet: unknown option --output for report; did you mean --out?",
                e.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void rerunReplacesTheFilesAndLeavesNoTemporaryOnes() throws IOException {
        Path stale = grid.folder().resolve("trial-grid-999.png");
        Files.write(stale, new byte[] {1, 2, 3});
        Path foreign = grid.folder().resolve("notes.png");
        Files.write(foreign, new byte[] {1});
        try {
            Run again = report(SyntheticSweeps.GRID_ID);
            assertEquals(0, again.status(), again.err());
            assertFalse(Files.exists(stale), "a figure of the report's own naming that it no longer shows is removed");
            assertTrue(Files.exists(foreign), "other files are left alone");
            try (Stream<Path> files = Files.list(grid.folder())) {
                List<String> hidden = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                        .toList();
                assertEquals(List.of(), hidden, "no temporary files left");
            }
        } finally {
            Files.deleteIfExists(foreign);
        }
    }

    /**
     * With Debian's Chromium ({@link TestInputs}: .ci/run installs it), the page as a browser shows it:
     * a screenshot that has the charts' blue, which only the PNGs contain, so the images loaded.
     */
    @Test
    void chromiumShowsThePageWithItsFigures(@TempDir Path tmp) throws Exception {
        Path chromium = TestInputs.chromium();
        Path shot = tmp.resolve("page.png");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + tmp.resolve("profile"),
                "--window-size=1200,1600", "--screenshot=" + shot,
                lambda.folder().resolve("report.html").toUri().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        assertTrue(Files.exists(shot), "no screenshot: " + Files.readString(tmp.resolve("chromium.log")));
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1200, image.getWidth());
        int blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - 0x1f) < 40 && Math.abs(g - 0x77) < 40 && Math.abs(b - 0xb4) < 40) blue++;
            }
        }
        assertTrue(blue > 100, "no chart colour in the screenshot (" + blue + " pixels): images not shown?");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers.

    private static Set<String> pngNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static BufferedImage assertDecodes(Path png) throws IOException {
        assertTrue(Files.size(png) > 1000, png + " is (nearly) empty");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " does not decode as an image");
        return image;
    }

    /** The PNG has {@link Figures#SCALE} times the nominal size. */
    private static void assertSize(Path png, int width, int height) throws IOException {
        BufferedImage image = assertDecodes(png);
        assertEquals(width * Figures.SCALE, image.getWidth(), png + " width");
        assertEquals(height * Figures.SCALE, image.getHeight(), png + " height");
    }

    /**
     * Parses report.html and checks it: every img src is a relative name of an existing PNG in the folder whose pixel
     * size is SCALE times the img's width and height, every PNG of the folder is shown, and nothing is loaded from
     * elsewhere (no scripts, no stylesheet links, no absolute URLs).
     */
    private static Document checkedHtml(Path folder) throws IOException {
        Path file = folder.resolve("report.html");
        Document html = Jsoup.parse(file.toFile(), "UTF-8");
        Set<String> shown = new TreeSet<>();
        for (Element img : html.select("img")) {
            String src = img.attr("src");
            assertFalse(src.isEmpty(), "img without src");
            assertFalse(URI.create(src).isAbsolute() || src.startsWith("/"), "not a relative src: " + src);
            Path target = folder.resolve(src).normalize();
            assertEquals(folder.normalize(), target.getParent(), "src outside the folder: " + src);
            assertTrue(Files.isRegularFile(target), "img src " + src + " does not resolve to a file");
            BufferedImage image = assertDecodes(target);
            assertEquals(Integer.parseInt(img.attr("width")) * Figures.SCALE, image.getWidth(), src);
            assertEquals(Integer.parseInt(img.attr("height")) * Figures.SCALE, image.getHeight(), src);
            assertFalse(img.attr("alt").isBlank(), src + " has no alt text");
            shown.add(src);
        }
        assertEquals(pngNames(folder), shown, "report.html shows every PNG of the folder");
        assertTrue(html.select("script, link, iframe, object, embed").isEmpty(), "no external resources");
        assertFalse(html.select("style").isEmpty(), "inline CSS");
        assertFalse(html.select("style").html().contains("url("), "no resources loaded from CSS");
        return html;
    }

    /** The first table after the heading with the given id. */
    private static Element tableAfter(Document html, String headingId) {
        Element heading = html.getElementById(headingId);
        assertNotNull(heading, "no heading #" + headingId);
        for (Element e = heading.nextElementSibling(); e != null; e = e.nextElementSibling()) {
            Element table = e.is("table") ? e : e.selectFirst("table");
            if (table != null) return table;
        }
        throw new AssertionError("no table after #" + headingId);
    }
}
