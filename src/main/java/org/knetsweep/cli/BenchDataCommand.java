package org.knetsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knetsweep.KnetException;
import org.knetsweep.bench.DataBenchmark;
import org.knetsweep.bench.Quartiles;
import org.knetsweep.data.Cifar10Export;
import org.knetsweep.data.Cifar10Reader;
import org.knetsweep.data.Cifar10Source;

/**
 * {@code knet bench-data}: the time and peak memory of loading CIFAR-10 from its binary batches and from its Parquet
 * export, each load in a fresh JVM ({@link DataBenchmark}).
 */
public final class BenchDataCommand implements Command {
    @Override
    public String name() {
        return "bench-data";
    }

    @Override
    public String summary() {
        return "time and peak memory of loading CIFAR-10 from its binary batches and from its Parquet export";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("table", "PATH", "the export of knet data export-cifar10 (train/ and test/); default: "
                        + "exported into a temporary folder and deleted after"),
                Option.value("rounds", "R", "JVMs per source, alternating binary and Parquet (default 5)"),
                Option.value("warm", "W", "loads after the first in each JVM, timed (default 2)"),
                Option.flag("pretouch", "start each JVM with its heap (1 GB) committed and touched: loads without "
                        + "the operating system's page faults, reading alone"));
    }

    @Override
    public String notes() {
        return """
                CIFAR-10 comes from knet.data.source (or CIFAR10_ARCHIVE), as for knet sweep; the binary loader reads
                its extracted batches. Each round starts one JVM per source (this JVM's options, e.g. JAVA_OPTS) that
                reads the train and test rows (60,000 images) as an executor does: the binary batches, or the tables
                with the settings export-cifar10 prints (label, image, image-shape [3, 32, 32], order-column id).
                Prints per source the median and range over the rounds of: the first load (cold: class loading and
                JIT included, as in an executor), a later load (warm: the median of --warm loads in that JVM), the
                resident set before loading and its peak after the first load; and Parquet over binary. The rows
                of both sources are checked to be the same (CRC-32 of labels and pixels). Files are in the page
                cache after the first round. A fresh heap's first touch (page faults) is a large part of a load on
                some machines, and whether a warm load reuses the previous load's memory depends on the collector's
                timing; --pretouch removes both, leaving the reading.
                """;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        int rounds = inv.intOption("rounds", 5, 1);
        int warm = inv.intOption("warm", 2, 0);
        boolean pretouch = inv.flag("pretouch");
        PrintStream out = inv.out();
        Path bins = Cifar10Reader.batchFolder(Cifar10Source.resolve(inv.config().run().data(), inv.err()));
        Path temp = null;
        String table = inv.option("table", "").strip();
        try {
            if (table.isEmpty()) {
                temp = Files.createTempDirectory("knet-bench-data");
                table = temp.resolve("cifar10").toString();
                Cifar10Export.write(Cifar10Reader.readDirectory(bins), table, inv.err());
            }
            table = table.replaceAll("/+$", "");
            out.println("knet bench-data: CIFAR-10 train + test from " + bins + " and from Parquet "
                    + table + "; " + rounds + " rounds of one JVM per source, " + warm + " warm loads each"
                    + (pretouch ? ", heap pre-touched" : "") + "; "
                    + "load average " + loadAverage());
            List<DataBenchmark.Run> binary = new ArrayList<>();
            List<DataBenchmark.Run> parquet = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                binary.add(DataBenchmark.fork("binary", bins.toString(), warm, pretouch));
                parquet.add(DataBenchmark.fork("parquet", table, warm, pretouch));
                out.printf(Locale.ROOT, "round %d: binary %.2f s cold, %.2f s warm, peak RSS %d MB; "
                                + "Parquet %.2f s cold, %.2f s warm, peak RSS %d MB%n", r + 1,
                        last(binary).coldSeconds(), last(binary).warmSeconds(), last(binary).peakRssMb(),
                        last(parquet).coldSeconds(), last(parquet).warmSeconds(), last(parquet).peakRssMb());
                if (last(binary).crc() != last(parquet).crc() || last(binary).rows() != last(parquet).rows())
                    throw new KnetException("the Parquet table " + table + " does not hold the binary batches' rows "
                            + "(" + last(parquet).rows() + " rows, CRC " + last(parquet).crc() + "; expected "
                            + last(binary).rows() + ", CRC " + last(binary).crc() + ")");
            }
            out.println("rows: " + last(binary).rows() + " (train + test), the same in both sources (CRC-32 of labels "
                    + "and pixels " + last(binary).crc() + ")");
            out.println("median [min, max] over " + rounds + " rounds; ratio = Parquet / binary of the medians:");
            row(out, "first load (cold), s", binary, parquet, DataBenchmark.Run::coldSeconds, 2);
            if (warm > 0) row(out, "later load (warm), s", binary, parquet, DataBenchmark.Run::warmSeconds, 2);
            row(out, "RSS before loading, MB", binary, parquet, x -> x.rssBeforeMb(), 0);
            row(out, "peak RSS, MB", binary, parquet, x -> x.peakRssMb(), 0);
            out.println("load average at the end " + loadAverage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KnetException("bench-data interrupted");
        } finally {
            if (temp != null) deleteTree(temp);
        }
        return 0;
    }

    private static void row(PrintStream out, String label, List<DataBenchmark.Run> binary,
                            List<DataBenchmark.Run> parquet, java.util.function.ToDoubleFunction<DataBenchmark.Run> f,
                            int decimals) {
        double[] b = binary.stream().mapToDouble(f).toArray();
        double[] p = parquet.stream().mapToDouble(f).toArray();
        double mb = Quartiles.of(b).median();
        double mp = Quartiles.of(p).median();
        out.printf(Locale.ROOT, "%-24s binary %s   Parquet %s   ratio %.2f%n", label, range(b, decimals),
                range(p, decimals), mp / mb);
    }

    private static String range(double[] v, int decimals) {
        String f = "%." + decimals + "f";
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return String.format(Locale.ROOT, f + " [" + f + ", " + f + "]", Quartiles.of(v).median(), s[0],
                s[s.length - 1]);
    }

    private static DataBenchmark.Run last(List<DataBenchmark.Run> runs) {
        return runs.get(runs.size() - 1);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
