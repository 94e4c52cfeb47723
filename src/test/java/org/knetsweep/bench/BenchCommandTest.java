package org.knetsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.cli.Main;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.data.ImageSet;

class BenchCommandTest {
    @Test
    void resultSeparatesTheGatherFromTheStep() {
        ImageSet images = StepBenchmark.randomImages(300, 3);
        NetworkConfig cfg = new NetworkConfig(List.of(20, 10), true, InitScheme.HE, 0.1, 0.9, 1e-8);
        var r = StepBenchmark.run("small", cfg, Precision.FLOAT32, 50, 3, 30, images, StepBenchmark.standardizer(images));
        assertTrue(r.stepMs() > 0 && r.gatherMs() > 0 && r.gemmMs() > 0, r.toString());
        // every total is its own gather plus its own step, so the sorted totals dominate both sorted parts
        assertTrue(r.totalMs() >= Math.max(r.stepMs(), r.gatherMs()), r.toString());
        assertEquals(r.stepMs() / r.gemmMs(), r.ratio(), 1e-12);
    }

    @Test
    void benchPrintsStepGatherFloorAndRatioForBothNetworksAndPrecisions() {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        int status = Main.run(new String[] {"bench", "--set", "knet.bench.steps=5", "--set", "knet.bench.warmup=1", "--set", "knet.bench.images=300"},
                out, err);
        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, errBytes.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("step ms") && text.contains("gather ms") && text.contains("gemm ms")
                && text.contains("ratio") && text.contains("step+gather ms"), text);
        List<String> rows = text.lines().filter(l -> l.matches("^[39]-layer .*")).toList();
        assertEquals(4, rows.size(), text);
        for (String row : rows) {
            String[] f = row.substring(22).trim().split("\\s+");
            assertEquals(6, f.length, row); // dtype, step, gather, gemm, ratio, step+gather
            double step = Double.parseDouble(f[1]);
            double gemm = Double.parseDouble(f[3]);
            assertTrue(step > 0 && gemm > 0, row);
            assertEquals(step / gemm, Double.parseDouble(f[4]), 0.01 + 0.01 * step / gemm, row);
        }
        assertTrue(text.contains("peak RSS"), text);
    }
}
