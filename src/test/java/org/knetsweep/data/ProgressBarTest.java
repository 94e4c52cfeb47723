package org.knetsweep.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {
    @Test
    void rendersPercentMegabytesAndRate() {
        String line = ProgressBar.render(85_026_085, 170_052_171, 10.0);
        assertTrue(line.startsWith("[" + "#".repeat(15) + "-".repeat(15) + "]"), line);
        assertTrue(line.contains(" 50.0%") && line.contains("85.0 / 170.1 MB") && line.contains("8.5 MB/s"), line);
        assertTrue(ProgressBar.render(5_000_000, -1, 2.0).contains("5.0 MB") , "unknown total");
        assertTrue(ProgressBar.render(5_000_000, -1, 2.0).contains("2.5 MB/s"));
        assertTrue(ProgressBar.render(0, 100, 0).contains("0.0%"));
    }

    @Test
    void terminalOutputIsRedrawnAtMostTenTimesASecond() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), 1_000_000, true, clock::get);
        for (int i = 1; i <= 1000; i++) {
            clock.addAndGet(1_000_000); // 1 ms per update: 1 s in all
            bar.update(i * 1000L);
        }
        bar.finish(1_000_000);
        String out = buf.toString(StandardCharsets.UTF_8);
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 9 && redraws <= 11, redraws + " redraws");
        assertTrue(out.endsWith("100.0%  " + "   1.0 / 1.0 MB     1.0 MB/s" + System.lineSeparator()), out);
    }

    @Test
    void nonTerminalOutputPrintsOneLinePerTenPercent() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), 1_000_000, false, clock::get);
        for (int i = 1; i <= 1000; i++) {
            clock.addAndGet(1_000_000);
            bar.update(i * 1000L);
        }
        bar.finish(1_000_000);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(10, out.lines().count(), out);
        assertTrue(out.lines().allMatch(l -> l.startsWith("[")), out);
        assertEquals(-1, out.indexOf('\r'));
    }
}
