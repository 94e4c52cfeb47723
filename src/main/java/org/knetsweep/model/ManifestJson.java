package org.knetsweep.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.DataFormat;
import org.knetsweep.config.TableConfig;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.TrainingConfig;

/**
 * The manifest as JSON text: written by hand (keys in a fixed, readable order; doubles in Java's shortest
 * round-trip form, so every value reads back exactly) and parsed with Typesafe Config's JSON syntax.
 */
public final class ManifestJson {
    private ManifestJson() {
    }

    public static String render(ModelManifest m) {
        RunConfig run = m.run();
        NetworkConfig n = run.network();
        TrainingConfig t = run.training();
        DataConfig d = run.data();
        StringBuilder b = new StringBuilder("{\n");
        field(b, 1, "format", str(ModelManifest.FORMAT));
        field(b, 1, "format_version", Integer.toString(m.formatVersion()));
        field(b, 1, "sweep_id", str(m.sweepId()));
        field(b, 1, "trial_id", str(m.trialId()));
        field(b, 1, "config_hash", str(m.configHash()));
        field(b, 1, "precision", str(t.precision().label()));
        field(b, 1, "inputs", Integer.toString(m.inputs()));
        field(b, 1, "classes", Integer.toString(m.classes()));
        field(b, 1, "label_names", m.labelNames().stream().map(ManifestJson::str)
                .collect(Collectors.joining(", ", "[", "]")));
        field(b, 1, "image_shape", m.imageShape().toString());
        field(b, 1, "averages_initialized", Boolean.toString(m.averagesInitialized()));
        field(b, 1, "test_accuracy", num(m.testAccuracy()));
        field(b, 1, "seed", Long.toString(run.seed()));
        b.append("  \"network\": {\n");
        field(b, 2, "hidden", n.hidden().toString());
        field(b, 2, "batch_norm", Boolean.toString(n.batchNorm()));
        field(b, 2, "init", str(n.init().label()));
        field(b, 2, "init_sigma", num(n.initSigma()));
        field(b, 2, "bn_alpha", num(n.bnAlpha()));
        last(b, 2, "bn_epsilon", num(n.bnEpsilon()));
        b.append("  },\n  \"training\": {\n");
        field(b, 2, "lambda", num(t.lambda()));
        field(b, 2, "batch_size", Integer.toString(t.batchSize()));
        field(b, 2, "eta_min", num(t.etaMin()));
        field(b, 2, "eta_max", num(t.etaMax()));
        field(b, 2, "step_size", Integer.toString(t.stepSize()));
        field(b, 2, "cycles", Integer.toString(t.cycles()));
        field(b, 2, "precision", str(t.precision().label()));
        last(b, 2, "train_eval_size", Integer.toString(t.trainEvalSize()));
        b.append("  },\n  \"data\": {\n");
        field(b, 2, "format", str(d.format().label()));
        if (d.isTable()) {
            TableConfig table = d.table();
            field(b, 2, "train", str(table.train()));
            field(b, 2, "test", str(table.test()));
            field(b, 2, "validation", str(table.validation()));
            field(b, 2, "label_column", str(table.labelColumn()));
            field(b, 2, "features_column", str(table.featuresColumn()));
            field(b, 2, "image_shape", table.imageShape().toString());
            field(b, 2, "order_column", str(table.orderColumn()));
        }
        field(b, 2, "source", str(d.source()));
        field(b, 2, "url", str(d.url()));
        field(b, 2, "md5", str(d.md5()));
        field(b, 2, "cache_dir", str(d.cacheDir()));
        field(b, 2, "validation_size", Integer.toString(d.validationSize()));
        field(b, 2, "train_limit", Integer.toString(d.trainLimit()));
        last(b, 2, "feature_limit", Integer.toString(d.featureLimit()));
        b.append("  },\n  \"arrays\": [\n");
        for (int i = 0; i < m.arrays().size(); i++) {
            ArrayEntry a = m.arrays().get(i);
            b.append("    {\"name\": ").append(str(a.name())).append(", \"shape\": ").append(a.shape())
                    .append(", \"dtype\": ").append(str(a.dtype())).append(", \"file\": ").append(str(a.file()))
                    .append(", \"bytes\": ").append(a.bytes())
                    .append(a.sha256() == null ? "" : ", \"sha256\": " + str(a.sha256())).append('}')
                    .append(i + 1 < m.arrays().size() ? ",\n" : "\n");
        }
        return b.append("  ]\n}\n").toString();
    }

    /**
     * Parses a manifest.
     *
     * @param where names the file in error messages
     * @throws KnetException for text that is not a manifest of this format version
     */
    public static ModelManifest parse(String json, String where) {
        Config c;
        try {
            c = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)
                    .setOriginDescription(where));
        } catch (ConfigException e) {
            throw new KnetException("model manifest " + where + " is not valid JSON (truncated?): " + e.getMessage(), e);
        }
        try {
            if (!c.hasPath("format") || !ModelManifest.FORMAT.equals(c.getString("format")))
                throw new KnetException("model manifest " + where + ": \"format\" is not \"" + ModelManifest.FORMAT
                        + "\"; not a knet-sweep model");
            int version = c.getInt("format_version");
            if (version != ModelManifest.FORMAT_VERSION)
                throw new KnetException("model manifest " + where + " has format_version " + version
                        + "; this knet-sweep reads format_version " + ModelManifest.FORMAT_VERSION);
            Precision precision = Precision.parse("precision", c.getString("precision"));
            Config n = c.getConfig("network");
            NetworkConfig network = new NetworkConfig(n.getIntList("hidden"), n.getBoolean("batch_norm"),
                    InitScheme.parse("network.init", n.getString("init")), n.getDouble("init_sigma"),
                    n.getDouble("bn_alpha"), n.getDouble("bn_epsilon"));
            Config t = c.getConfig("training");
            TrainingConfig training = new TrainingConfig(t.getDouble("lambda"), t.getInt("batch_size"),
                    t.getDouble("eta_min"), t.getDouble("eta_max"), t.getInt("step_size"), t.getInt("cycles"),
                    precision, t.getInt("train_eval_size"));
            Config d = c.getConfig("data");
            DataConfig data = data(d);
            RunConfig run = new RunConfig(c.getLong("seed"), data, network, training);
            List<ArrayEntry> arrays = new ArrayList<>();
            for (Config a : c.getConfigList("arrays")) {
                arrays.add(new ArrayEntry(a.getString("name"), a.getIntList("shape"), a.getString("dtype"),
                        a.getString("file"), a.getLong("bytes"), sha256(a, where)));
            }
            double test = c.getIsNull("test_accuracy") ? Double.NaN : c.getDouble("test_accuracy");
            ModelManifest m = new ModelManifest(version, c.getString("sweep_id"), c.getString("trial_id"),
                    c.getString("config_hash"), run, c.getInt("inputs"), c.getStringList("label_names"),
                    c.getBoolean("averages_initialized"), test, arrays);
            if (c.getInt("classes") != m.classes())
                throw new KnetException("model manifest " + where + ": classes = " + c.getInt("classes") + " but "
                        + m.classes() + " label names");
            return m;
        } catch (ConfigException | IllegalArgumentException e) {
            throw new KnetException("model manifest " + where + " is incomplete or malformed: " + e.getMessage(), e);
        }
    }

    /**
     * The data section; a manifest written before tables were a source has no "format" and is CIFAR-10's.
     */
    private static DataConfig data(Config d) {
        DataFormat format = d.hasPath("format") && d.getString("format").equals(DataFormat.PARQUET.label())
                ? DataFormat.PARQUET : DataFormat.CIFAR10;
        TableConfig table = format == DataFormat.CIFAR10 ? TableConfig.NONE
                : new TableConfig(d.getString("train"), d.getString("test"), d.getString("validation"),
                d.getString("label_column"), d.getString("features_column"), d.getIntList("image_shape"),
                d.getString("order_column"));
        return new DataConfig(d.getString("source"), d.getString("url"), d.getString("md5"),
                d.getString("cache_dir"), d.getInt("validation_size"), d.getInt("train_limit"),
                d.getInt("feature_limit"), format, table);
    }

    /** An array's recorded SHA-256, or null in a manifest written before hashes were recorded. */
    private static String sha256(Config array, String where) {
        if (!array.hasPath("sha256")) return null;
        String hex = array.getString("sha256");
        if (!hex.matches("[0-9a-fA-F]{64}"))
            throw new KnetException("model manifest " + where + ": array " + array.getString("name") + " has sha256 \""
                    + hex + "\"; expected 64 hex digits");
        return hex.toLowerCase(java.util.Locale.ROOT);
    }

    private static void field(StringBuilder b, int indent, String key, String value) {
        b.append("  ".repeat(indent)).append(str(key)).append(": ").append(value).append(",\n");
    }

    private static void last(StringBuilder b, int indent, String key, String value) {
        b.append("  ".repeat(indent)).append(str(key)).append(": ").append(value).append('\n');
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
                    else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }
}
