package org.knetsweep.cli;

import java.nio.file.Path;
import java.util.List;
import org.knetsweep.KnetException;
import org.knetsweep.data.Cifar10Export;
import org.knetsweep.data.Cifar10Loader;
import org.knetsweep.data.Cifar10Source;

/**
 * {@code knet data export-cifar10 --output URI}: CIFAR-10 (found as {@code knet sweep} finds it) written as Parquet
 * tables {@code URI/train} and {@code URI/test} of (id, label, label_name, image), rows in the batches' order; a
 * sweep on them with the printed settings gives the same trials as on the binary archive (docs/data.md).
 */
public final class DataCommand implements Command {
    static final String EXPORT = "export-cifar10";

    @Override
    public String name() {
        return "data";
    }

    @Override
    public String summary() {
        return "export-cifar10 --output URI: CIFAR-10 as Parquet tables (id, label, label_name, image) for knet.data";
    }

    @Override
    public String arguments() {
        return EXPORT;
    }

    @Override
    public List<Option> options() {
        return List.of(Option.required("output", "URI", "a new folder (a path or a Hadoop URI) for the tables "
                + "train/ and test/"));
    }

    @Override
    public String notes() {
        return """
                CIFAR-10 comes from knet.data.source (or CIFAR10_ARCHIVE), as for knet sweep. The train table holds the
                five training batches in order (id 0..49999), the test table the test batch (id 0..9999), 10,000 rows
                per file. The command prints the settings that sweep the tables (docs/data.md).
                """;
    }

    @Override
    public int run(Invocation inv) {
        if (inv.positional().size() != 1 || !inv.positional().get(0).equals(EXPORT))
            throw new KnetException("data needs the action " + EXPORT + " (knet data " + EXPORT + " --output URI), not "
                    + (inv.positional().isEmpty() ? "nothing" : String.join(" ", inv.positional())));
        String output = inv.option("output", "").strip();
        if (output.isEmpty()) throw new KnetException("data " + EXPORT + " needs --output URI, not a blank one");
        Path bins = Cifar10Source.resolve(inv.config().run().data(), inv.err());
        Cifar10Export.write(Cifar10Loader.readCached(bins), output, inv.out());
        String root = output.replaceAll("/+$", "");
        inv.out().println("sweep them with: --set knet.data.format=parquet --set knet.data.train=" + root
                + "/train --set knet.data.test=" + root + "/test --set knet.data.label-column=label"
                + " --set knet.data.features-column=image --set 'knet.data.image-shape=[3, 32, 32]'"
                + " --set knet.data.order-column=id");
        return 0;
    }
}
