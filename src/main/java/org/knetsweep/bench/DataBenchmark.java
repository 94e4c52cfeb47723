package org.knetsweep.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.DataFormat;
import org.knetsweep.config.TableConfig;
import org.knetsweep.data.Cifar10Raw;
import org.knetsweep.data.Cifar10Reader;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.TableData;
import org.knetsweep.data.TableLoader;

/**
 * Loading CIFAR-10 (train and test, 60,000 images) from its binary batches and from its Parquet export
 * ({@code knet data export-cifar10}), as an executor loads it: each measurement is a fresh JVM (this class's
 * {@link #main}, started with the parent's JVM options and class path) that loads the data once (cold: class
 * loading and JIT included, as in an executor's first task), records its peak resident set size, then loads it
 * again {@code warm} times (the time of a load alone). The files are in the page cache after the first JVM.
 */
public final class DataBenchmark {
    /** The figures of one JVM. */
    public record Run(String source, double coldSeconds, double warmSeconds, long rssBeforeMb, long peakRssMb,
                      int rows, long crc) {
    }

    private DataBenchmark() {
    }

    /** The settings {@code knet data export-cifar10} prints for the tables under {@code root}. */
    public static DataConfig tableConfig(String root) {
        TableConfig t = new TableConfig(root + "/train", root + "/test", "", "label", "image", List.of(3, 32, 32),
                "id");
        return new DataConfig("auto", "", "", "", 5000, 0, 0, DataFormat.PARQUET, t);
    }

    /**
     * One measurement in a new JVM: {@code source} "binary" (then {@code path} is the batches' folder) or "parquet"
     * (the export's root); {@code pretouch}: the JVM's heap (1 GB) committed and touched before it starts, so that
     * no load pays for the operating system's first touch of its memory (page faults), only for reading.
     */
    public static Run fork(String source, String path, int warm, boolean pretouch)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) cmd.add(a);
        if (pretouch) {
            cmd.add("-Xms1g");
            cmd.add("-XX:+AlwaysPreTouch");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DataBenchmark.class.getName());
        cmd.add(source);
        cmd.add(path);
        cmd.add(Integer.toString(warm));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        StringBuilder other = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("result ")) result = line;
                else other.append(line).append('\n');
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || result == null)
            throw new IllegalStateException("the " + source + " benchmark JVM ended with status " + rc + ":\n" + other);
        String[] f = result.split(" ");
        return new Run(source, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]));
    }

    /** The child JVM: {@code binary DIR WARM} or {@code parquet ROOT WARM}; prints one "result ..." line. */
    public static void main(String[] args) {
        String source = args[0];
        String path = args[1];
        int warm = Integer.parseInt(args[2]);
        long before = NativeInfo.peakRssMb();
        long t0 = System.nanoTime();
        ImageSet[] sets = load(source, path);
        double cold = (System.nanoTime() - t0) / 1e9;
        long peak = NativeInfo.peakRssMb();
        int rows = sets[0].size() + sets[1].size();
        long crc = crc(sets);
        sets = null;
        double[] warmSecs = new double[warm];
        for (int r = 0; r < warm; r++) {
            long t = System.nanoTime();
            sets = load(source, path);
            warmSecs[r] = (System.nanoTime() - t) / 1e9;
            if (crc(sets) != crc) throw new IllegalStateException("a second load gave other rows");
            sets = null;
        }
        System.out.println(String.format(Locale.ROOT, "result %.4f %.4f %d %d %d %d", cold,
                warm == 0 ? Double.NaN : Quartiles.of(warmSecs).median(), before, peak, rows, crc));
    }

    /** Train and test rows of the source, read as the loaders read them (no split, no standardization). */
    private static ImageSet[] load(String source, String path) {
        return switch (source) {
            case "binary" -> {
                Cifar10Raw raw = Cifar10Reader.readDirectory(Path.of(path));
                yield new ImageSet[] {raw.train(), raw.test()};
            }
            case "parquet" -> {
                TableLoader.clearCache();
                TableData d = TableLoader.read(tableConfig(path), null);
                TableLoader.clearCache();
                yield new ImageSet[] {d.train(), d.test()};
            }
            default -> throw new IllegalArgumentException("source " + source + ": expected binary or parquet");
        };
    }

    /** CRC-32 of the rows' labels and pixels, train then test: equal for equal data. */
    private static long crc(ImageSet[] sets) {
        CRC32 c = new CRC32();
        for (ImageSet s : sets) {
            c.update(s.labels());
            c.update(s.pixels());
        }
        return c.getValue();
    }
}
