package org.knetsweep.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;
import org.knetsweep.data.Cifar10Loader;
import org.knetsweep.data.Cifar10Raw;
import org.knetsweep.data.Cifar10Reader;
import org.knetsweep.data.Cifar10Source;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.model.SavedModels;
import org.knetsweep.results.ResultStore;
import org.knetsweep.spark.SparkStores;

/** What the model commands (evaluate, predict, score) share: the MODEL argument, the results store, labelled data. */
final class ModelArgs {
    /** Labelled images and where they came from. */
    record Labelled(ImageSet images, String source) {
    }

    private ModelArgs() {
    }

    /** The single positional MODEL argument. */
    static String modelRef(Invocation inv, Command command) {
        if (inv.positional().size() != 1 || inv.positional().get(0).isBlank())
            throw new KnetException((inv.positional().isEmpty() ? "no model given" : "expected one model, got "
                    + inv.positional().size() + " arguments " + inv.positional()) + "; usage: "
                    + Usage.synopsis(command));
        return inv.positional().get(0);
    }

    /** The results store of --results (default knet.results.root), with the Spark hadoop settings. */
    static ResultStore store(Invocation inv) {
        return SparkStores.open(inv.option("results", QueryCommand.configuredRoot(inv.config())));
    }

    /** The model MODEL names: a folder, or SWEEP_ID[/TRIAL_ID] in the results root. */
    static TrainedModel model(Invocation inv, String ref) {
        return SavedModels.resolve(ref, store(inv));
    }

    /**
     * Labelled images: {@code data} a CIFAR-10 binary batch file, or a folder / .tar.gz archive of CIFAR-10 (its
     * test batch); null: the test batch of the configured data source (knet.data.source, CIFAR10_ARCHIVE).
     */
    static Labelled labelled(Invocation inv, String data, PrintStream log) {
        DataConfig cfg = inv.config().run().data();
        if (data == null) {
            Path bins = Cifar10Source.resolve(cfg, log);
            return new Labelled(Cifar10Loader.readCached(bins).test(), Cifar10Reader.batchFolder(bins)
                    .resolve(Cifar10Reader.TEST_BATCH).toString());
        }
        Path path = path("--data", data);
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".bin"))
            return new Labelled(Cifar10Reader.readBatch(path), path.toString());
        if (!Files.exists(path)) throw new KnetException("--data " + data + ": no such file or folder");
        DataConfig other = new DataConfig(path.toString(), cfg.url(), cfg.md5(), cfg.cacheDir(), cfg.validationSize(),
                cfg.trainLimit(), cfg.featureLimit());
        Path bins = Cifar10Source.resolve(other, log);
        Cifar10Raw raw = Cifar10Loader.readCached(bins);
        return new Labelled(raw.test(), Cifar10Reader.batchFolder(bins).resolve(Cifar10Reader.TEST_BATCH).toString());
    }

    static Path path(String option, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new KnetException(option + ": not a valid path: '" + text + "'", e);
        }
    }

    /** The class name of label k (its number when the model has fewer names). */
    static String className(List<String> names, int k) {
        return k < names.size() ? names.get(k) : Integer.toString(k);
    }
}
