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
import org.knetsweep.data.TableLoader;
import org.knetsweep.model.ModelManifest;
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

    /**
     * The labelled rows a model trained on a table is evaluated on: the table {@code data} names (same label,
     * features and order columns as the model was trained with), or, when null, the model's own test table
     * (knet.data.test of its run); labels map to the model's classes by name. The cache folder for a remote table is
     * this invocation's knet.data.cache-dir.
     */
    static Labelled table(Invocation inv, TrainedModel model, String data, PrintStream log) {
        ModelManifest m = model.manifest();
        DataConfig trained = m.run().data();
        String uri = data != null ? data.strip() : trained.table().test();
        if (uri.isEmpty())
            throw new KnetException("model " + m.sweepId() + "/" + m.trialId() + " was trained without a test table "
                    + "(knet.data.test); name a labelled table with --data URI");
        String key = data != null ? "--data" : "knet.data.test of the model";
        DataConfig here = inv.config().run().data();
        DataConfig cfg = new DataConfig(trained.source(), trained.url(), trained.md5(), here.cacheDir(),
                trained.validationSize(), trained.trainLimit(), trained.featureLimit(), trained.format(),
                trained.table());
        return new Labelled(TableLoader.readLabelled(cfg, uri, key, m.labelNames(), log), "table " + uri);
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
