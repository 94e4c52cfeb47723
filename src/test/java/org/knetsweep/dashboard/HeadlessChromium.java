package org.knetsweep.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.knetsweep.TestInputs;

/**
 * Debian's Chromium, headless, as ReportCommandTest runs it ({@link TestInputs#chromium()}: skipped when missing,
 * failed under CI=true): the DOM of a page after its scripts ran for a virtual-time budget, or a screenshot.
 */
final class HeadlessChromium {
    private final Path chromium;
    private final Path work;
    private int runs;

    HeadlessChromium(Path work) {
        this.chromium = TestInputs.chromium();
        this.work = work;
    }

    /** The page's DOM after {@code budgetMs} of virtual time (its polling and chart drawing included). */
    String dumpDom(String url, int budgetMs) throws IOException, InterruptedException {
        Path out = work.resolve("dom-" + (++runs) + ".html");
        run(List.of("--virtual-time-budget=" + budgetMs, "--dump-dom", url), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A PNG of the page, {@code width} x {@code height}, after {@code budgetMs} of virtual time. */
    void screenshot(String url, Path png, int width, int height, int budgetMs) throws IOException, InterruptedException {
        run(List.of("--virtual-time-budget=" + budgetMs, "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), url), work.resolve("screenshot-" + (++runs) + ".log"));
        if (!Files.isRegularFile(png)) throw new AssertionError("chromium wrote no screenshot " + png);
    }

    private void run(List<String> args, Path output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + work.resolve("profile-" + runs)));
        command.addAll(args);
        Path log = work.resolve("chromium-" + runs + ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(output.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        if (p.exitValue() != 0)
            throw new AssertionError("chromium exited with " + p.exitValue() + ": " + Files.readString(log));
    }
}
