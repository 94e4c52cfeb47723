package org.knetsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Wall time of the same stages with one worker and with two (1 core each): a measurement, not a check of this
 * machine's speed; it runs only with -Dknet.it.scaling=true (about 3 minutes) and prints its figures.
 */
@Tag("cluster")
@EnabledIfSystemProperty(named = "knet.it.scaling", matches = "true")
class ScalingIT {
    private static final Pattern STAGE = Pattern.compile("(\\w+)\\s+efficiency: ([0-9.]+) \\(wall ([0-9.]+) s; trials ([0-9.]+) s over (\\d+) slots[;)]");

    /** Stage name to {wall s, summed trial s, slots}. */
    private static Map<String, double[]> stages(String out) {
        Map<String, double[]> m = new LinkedHashMap<>();
        Matcher x = STAGE.matcher(out);
        while (x.find()) m.put(x.group(1), new double[] {Double.parseDouble(x.group(3)), Double.parseDouble(x.group(4)),
                Double.parseDouble(x.group(5))});
        return m;
    }

    private static String[] heavy(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(ClusterData.HEAVY));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void oneWorkerAgainstTwo() throws IOException {
        int steps = Integer.getInteger("knet.it.scaling.steps", 250);
        int trials = Integer.getInteger("knet.it.scaling.trials", 6);
        Path dir = Files.createTempDirectory(StandaloneCluster.workRoot(), "scaling-");
        Path data = ClusterData.write(dir.resolve("in"), 500);
        Map<Integer, Map<String, double[]>> byWorkers = new LinkedHashMap<>();
        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 1, "knet-it-scaling")) {
            for (int workers = 1; workers <= 2; workers++) {
                if (workers == 2) {
                    cluster.addWorker();
                    cluster.awaitWorkers(2, Duration.ofSeconds(60));
                }
                String id = "scaling-" + workers;
                List<String> args = ClusterData.sweepArgs(id, ClusterData.sweepSettings(data.toString(),
                        dir.resolve("cache").toString(), dir.resolve("tables").toString(), trials, trials, steps,
                        heavy("knet.sweep.final.enabled=false")));
                var s = cluster.submit(id, true, List.of(), args);
                assertEquals(0, Procs.waitFor(s.process(), Duration.ofMinutes(5)).orElse(-1), () -> Procs.tail(s.log(), 40));
                byWorkers.put(workers, stages(s.output()));
                assertTrue(byWorkers.get(workers).containsKey("fine"), s.output());
            }
        }
        StringBuilder b = new StringBuilder("scaling, " + trials + " trials per stage, step-size " + steps + ":\n");
        for (String stage : List.of("coarse", "fine")) {
            double[] one = byWorkers.get(1).get(stage);
            double[] two = byWorkers.get(2).get(stage);
            b.append(String.format(Locale.ROOT, "  %-6s 1 worker %.1f s (trials %.1f s), 2 workers %.1f s (trials %.1f s): "
                    + "wall ratio 1/2 = %.2f%n", stage, one[0], one[1], two[0], two[1], one[0] / two[0]));
        }
        System.out.print(b);
        Files.writeString(dir.resolve("scaling.txt"), b.toString());
    }
}
