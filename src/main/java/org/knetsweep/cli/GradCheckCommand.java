package org.knetsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knetsweep.KnetException;
import org.knetsweep.config.GradCheckConfig;
import org.knetsweep.data.Cifar10Loader;
import org.knetsweep.data.Cifar10Raw;
import org.knetsweep.data.Cifar10Source;
import org.knetsweep.data.Standardizer;
import org.knetsweep.gradcheck.GradCheckSetting;
import org.knetsweep.gradcheck.GradCheckSuite;
import org.knetsweep.gradcheck.GradientCheck;
import org.knetsweep.gradcheck.TensorCheck;
import org.knetsweep.io.AtomicFile;

/** {@code knet gradcheck}: the report's section 1, four tables and the overall maximum relative error. */
public final class GradCheckCommand implements Command {
    static final double TARGET = 1e-6;

    @Override
    public String name() {
        return "gradcheck";
    }

    @Override
    public String summary() {
        return "compare analytical and numerical gradients on CIFAR-10 samples (report section 1)";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public String notes() {
        return """
                Settings (with --set, or a --conf file such as conf/gradcheck.conf):
                  knet.gradcheck.hidden=[50,30,20,20,10,10,10,10]   another architecture (here the 9-layer net)
                  knet.gradcheck.batch-norm=false                   without batch norm
                  knet.gradcheck.seeds=[42,8]  .samples=1000  .features=100  .lambda=0.005  .h=1e-4
                Exit status 3 when the maximum relative error exceeds 1e-6 (or when the exact cost differences
                disagree with the network's forward pass).
                """;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        GradCheckConfig cfg = inv.config().gradCheck();
        PrintStream out = inv.out();
        Path bins = Cifar10Source.resolve(inv.config().run().data(), inv.err());
        Cifar10Raw raw = Cifar10Loader.readCached(bins);
        Standardizer std = Standardizer.fit(raw.train(), cfg.features());
        int threads = Runtime.getRuntime().availableProcessors();
        out.println("gradient check: " + cfg.seeds().size() * 2 + " settings on " + threads
                + " threads, this takes a few minutes");
        long t0 = System.nanoTime();
        List<GradCheckSetting> settings = GradCheckSuite.run(cfg, raw.train(), std, threads);
        int i = 1;
        for (GradCheckSetting s : settings) {
            out.println();
            out.println("Table " + i++ + ": " + s.title());
            table(s).print(out, TextTable.Style.PLAIN);
        }
        String md = GradCheckSuite.markdown(settings);
        Path file = Path.of(cfg.output());
        try {
            AtomicFile.writeString(file, md);
        } catch (IOException e) {
            throw new KnetException("cannot write " + file + ": " + e.getMessage(), e);
        }
        double max = GradCheckSuite.overall(settings);
        double deviation = GradCheckSuite.forwardDeviation(settings);
        out.println();
        out.printf(Locale.ROOT, "tables written to %s in %.1f s%n", file, (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "max deviation of the cost differences from the forward pass: %.3e%n", deviation);
        if (deviation > GradientCheck.FORWARD_TOLERANCE) {
            inv.err().printf(Locale.ROOT, "knet: the exact cost differences disagree with the network's forward pass "
                    + "(%.3e > %.0e): the check's difference pass no longer matches Network.forwardTrain%n",
                    deviation, GradientCheck.FORWARD_TOLERANCE);
        }
        out.printf(Locale.ROOT, "max relative error: %.3e%n", max);
        return GradCheckSuite.passes(settings, TARGET) ? 0 : 3;
    }


    /** The setting's columns of {@link GradCheckSuite#table} (its markdown), aligned for the terminal. */
    static TextTable table(GradCheckSetting s) {
        TextTable table = new TextTable(GradCheckSuite.COLUMNS, List.of(TextTable.Align.LEFT, TextTable.Align.RIGHT,
                TextTable.Align.RIGHT, TextTable.Align.RIGHT, TextTable.Align.RIGHT, TextTable.Align.RIGHT));
        for (TensorCheck t : s.tensors()) table.row(GradCheckSuite.cells(t));
        return table;
    }
}
