package org.knetsweep.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.knetsweep.KnetException;

/**
 * Loads the configuration of one command: {@code reference.conf} (all defaults, under the root {@code knet}), then
 * the user file, then each {@code --set key=value} in order. The only class that touches Typesafe Config.
 *
 * <p>{@code reference.conf} is also the schema: a key in the user file or in a {@code --set} that it does not define is
 * rejected (with the closest known key as a suggestion), and every key it defines must be read here (checked on every
 * load, so a key added to reference.conf without a reader fails the tests).
 *
 * <p>To add a section: add its keys to reference.conf, a record for it, a
 * {@code private static XConfig x(ConfigReader r)} builder below, and a component to {@link LoadedConfig}.
 */
public final class ConfigLoader {
    /** The root every key lives under. */
    public static final String ROOT = "knet";

    static final String REFERENCE = "reference.conf";
    static final ConfigRenderOptions RENDER = ConfigRenderOptions.concise().setJson(false).setFormatted(true);

    private ConfigLoader() {
    }

    /** The defaults alone. */
    public static LoadedConfig defaults() {
        return load(null, List.of());
    }

    /**
     * Layers reference.conf, the user file and the --set overrides, checks the keys and types and builds the records.
     *
     * @param confFileOrNull the --conf file, or null
     * @param sets           the --set arguments, each "key=value" (HOCON value; the "knet." prefix may be omitted)
     * @throws KnetException naming the file, key and value for every user error
     */
    public static LoadedConfig load(Path confFileOrNull, List<String> sets) {
        Config reference = reference();
        ConfigSchema schema = new ConfigSchema(reference.resolve());
        Config merged = reference;
        if (confFileOrNull != null) {
            Config user = parseFile(confFileOrNull);
            schema.check(user, "in " + confFileOrNull);
            merged = user.withFallback(merged);
        }
        for (String set : sets == null ? List.<String>of() : sets) {
            Config one = parseSet(set, schema);
            schema.check(one, "from --set " + set);
            merged = one.withFallback(merged);
        }
        return build(new ConfigReader(resolve(merged)), schema);
    }

    /**
     * Reads back a configuration rendered by {@link #load} ({@link LoadedConfig#rendered()}, e.g. the {@code config}
     * column of the {@code sweeps} table), layered over reference.conf: keys the text lacks (it may come from an
     * older version) take today's defaults, keys today's reference.conf does not define are ignored, and the values
     * are type- and range-checked as by {@link #load}.
     *
     * @throws KnetException when the text does not parse or a value is invalid
     */
    public static LoadedConfig fromRendered(String hocon) {
        if (hocon == null || hocon.isBlank()) throw new KnetException("the stored configuration is empty");
        Config reference = reference();
        ConfigSchema schema = new ConfigSchema(reference.resolve());
        Config stored;
        try {
            stored = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults()
                    .setOriginDescription("stored configuration"));
        } catch (ConfigException e) {
            throw new KnetException("cannot parse the stored configuration: " + detail(e), e);
        }
        return build(new ConfigReader(resolve(stored.withFallback(reference))), schema);
    }

    /** Builds the records from the resolved tree, checking that every key of the schema was read. */
    private static LoadedConfig build(ConfigReader r, ConfigSchema schema) {
        RunConfig run = new RunConfig(r.section(ROOT).longInt("seed"), data(r), network(r), training(r));
        GradCheckConfig gradCheck = gradCheck(r);
        BenchConfig bench = bench(r);
        SweepConfig sweep = sweep(r);
        SaveModels saveModels = r.section("knet.sweep").choice("save-models", SaveModels::parse, SaveModels::label);
        int leaseTimeout = r.section("knet.sweep").integer("lease-timeout");
        FinalStageConfig finalStage = finalStage(r);

        r.requireAllRead(schema.leaves.keySet());
        String rendered = r.render();
        return new LoadedConfig(run, gradCheck, bench, rendered, sha256(rendered).substring(0, 12), sweep,
                saveModels, leaseTimeout, finalStage);
    }

    /** knet.sweep.final.replicas and refit; rendered only when not the defaults, so older sweeps still resume. */
    private static FinalStageConfig finalStage(ConfigReader r) {
        ConfigSection fin = r.section("knet.sweep.final");
        int replicas = FinalStageConfig.parseReplicas(fin.string("replicas"));
        FinalStageConfig.Refit refit = fin.choice("refit", FinalStageConfig.Refit::parse,
                FinalStageConfig.Refit::label);
        fin.renderOnlyIfNot("replicas", "auto");
        fin.renderOnlyIfNot("refit", FinalStageConfig.Refit.TRAIN.label());
        return new FinalStageConfig(replicas, refit);
    }

    /** Every key reference.conf defines (full paths, e.g. "knet.network.hidden"), sorted. */
    public static Set<String> knownKeys() {
        return new TreeSet<>(new ConfigSchema(reference().resolve()).leaves.keySet());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sections: one builder per record.

    private static DataConfig data(ConfigReader r) {
        ConfigSection s = r.section("knet.data");
        DataFormat format = s.choice("format", DataFormat::parse, DataFormat::label);
        TableConfig table = new TableConfig(s.string("train"), s.string("test"), s.string("validation"),
                s.string("label-column"), s.string("features-column"), s.intList("image-shape"),
                s.string("order-column"));
        // keys added with the Parquet source: rendered (and hashed) only when set, so that CIFAR-10 sweeps stored
        // before them render, hash and resume as before
        s.renderOnlyIfNot("format", DataFormat.CIFAR10.label());
        for (String key : List.of("train", "test", "validation", "order-column")) s.renderOnlyIfNot(key, "");
        s.renderOnlyIfNot("label-column", TableConfig.NONE.labelColumn());
        s.renderOnlyIfNot("features-column", TableConfig.NONE.featuresColumn());
        s.renderOnlyIfNot("image-shape", List.of());
        return new DataConfig(s.string("source"), s.string("url"), s.string("md5"), s.string("cache-dir"),
                s.integer("validation-size"), s.integer("train-limit"), s.integer("feature-limit"), format, table);
    }

    private static NetworkConfig network(ConfigReader r) {
        ConfigSection s = r.section("knet.network");
        return new NetworkConfig(s.intList("hidden"), s.bool("batch-norm"),
                s.choice("init", InitScheme::parse, InitScheme::label), s.number("init-sigma"),
                s.number("bn-alpha"), s.number("bn-epsilon"));
    }

    private static TrainingConfig training(ConfigReader r) {
        ConfigSection s = r.section("knet.training");
        return new TrainingConfig(s.number("lambda"), s.integer("batch-size"), s.number("eta-min"),
                s.number("eta-max"), s.integer("step-size"), s.integer("cycles"),
                s.choice("precision", Precision::parse, Precision::label), s.integer("train-eval-size"));
    }

    private static GradCheckConfig gradCheck(ConfigReader r) {
        ConfigSection s = r.section("knet.gradcheck");
        ConfigSection net = r.section("knet.network");
        NetworkConfig network;
        try {
            network = new NetworkConfig(s.intList("hidden"), s.bool("batch-norm"),
                    s.choice("init", InitScheme::parse, InitScheme::label), s.number("init-sigma"),
                    net.number("bn-alpha"), net.number("bn-epsilon"));
        } catch (KnetException e) {
            // NetworkConfig names the knet.network keys; these four come from knet.gradcheck.
            String message = e.getMessage();
            for (String key : List.of("hidden", "batch-norm", "init-sigma", "init")) {
                message = message.replace("knet.network." + key, "knet.gradcheck." + key);
            }
            throw new KnetException(message, e);
        }
        return new GradCheckConfig(network, s.number("lambda"), s.longList("seeds"), s.integer("samples"),
                s.integer("features"), s.number("h"), s.string("output"));
    }

    private static BenchConfig bench(ConfigReader r) {
        ConfigSection s = r.section("knet.bench");
        return new BenchConfig(s.integer("steps"), s.integer("warmup"), s.integer("batch-size"), s.integer("images"));
    }

    private static SweepConfig sweep(ConfigReader r) {
        ConfigSection s = r.section("knet.sweep");
        ConfigSection coarse = r.section("knet.sweep.coarse");
        ConfigSection fine = r.section("knet.sweep.fine");
        ConfigSection fin = r.section("knet.sweep.final");
        String name = s.string("name");
        int coarseTrials = coarse.integer("trials");
        double log10Min = coarse.number("log10-lambda-min");
        double log10Max = coarse.number("log10-lambda-max");
        int fineTrials = fine.integer("trials");
        double minHalfWidth = fine.number("min-half-width");
        boolean finalEnabled = fin.bool("enabled");
        int finalCycles = fin.integer("cycles");
        List<String> failTrials = s.stringList("fail-trials");
        String root = r.section("knet.results").string("root");
        String master = r.section("knet.spark").string("master");
        SweepConfig.Mode mode = s.choice("mode", SweepConfig.Mode::parse, SweepConfig.Mode::label);
        GridConfig grid = grid(r);
        HalvingConfig halving = halving(r);
        int replicas = s.integer("replicas");
        int topK = s.integer("replicas-top-k");
        EdgeGuardConfig edge = edge(r);
        SearchSpace space = s.space("space");
        SweepConfig.Sampler sampler = s.choice("sampler", SweepConfig.Sampler::parse, SweepConfig.Sampler::label);
        s.renderOnlyIfNot("sampler", SweepConfig.Sampler.RANDOM.label());
        // rendered only when an adaptive stage uses them, so that earlier sweeps still render and resume as before
        TpeConfig tpe = tpe(r, sampler == SweepConfig.Sampler.TPE || halving.isAsynchronous());
        Long searchSeed = s.choice("search-seed", ConfigLoader::searchSeed, v -> v == null ? "auto" : v.toString());
        s.renderOnlyIfNot("search-seed", "auto");
        return new SweepConfig(name, coarseTrials, log10Min, log10Max, fineTrials, minHalfWidth, finalEnabled,
                finalCycles, failTrials, root, master, mode, grid, halving, replicas, topK, edge, space, sampler, tpe,
                searchSeed);
    }

    /** knet.sweep.search-seed: "auto" (null: knet.seed) or an integer. */
    private static Long searchSeed(String key, String text) {
        if (text.equalsIgnoreCase("auto")) return null;
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw Checks.invalid(key, text, "\"auto\" (knet.seed) or an integer");
        }
    }

    private static HalvingConfig halving(ConfigReader r) {
        ConfigSection h = r.section("knet.sweep.halving");
        HalvingConfig out = new HalvingConfig(h.bool("enabled"), h.integer("rungs"), h.number("eta"),
                h.number("min-budget"), h.bool("asynchronous"), h.bool("restarts"));
        h.renderOnlyIfNot("asynchronous", false);
        h.renderOnlyIfNot("restarts", false);
        return out;
    }

    private static final List<String> TPE_KEYS = List.of("startup-trials", "quantile", "max-good", "candidates",
            "prior-weight", "multivariate", "lag", "min-bandwidth");

    /**
     * knet.sweep.tpe, checked on every load; rendered (and so part of the configuration hash) only when an adaptive
     * stage uses it, so that the configurations of staged sweeps render, hash and resume as before.
     */
    private static TpeConfig tpe(ConfigReader r, boolean used) {
        ConfigSection t = r.section("knet.sweep.tpe");
        TpeConfig out = new TpeConfig(t.integer("startup-trials"), t.number("quantile"), t.integer("max-good"),
                t.integer("candidates"), t.number("prior-weight"), t.bool("multivariate"), t.integer("lag"),
                t.number("min-bandwidth"));
        if (!used) TPE_KEYS.forEach(t::unrender);
        return out;
    }

    private static EdgeGuardConfig edge(ConfigReader r) {
        ConfigSection e = r.section("knet.sweep.edge");
        return new EdgeGuardConfig(e.number("fraction"), e.bool("extend"), e.integer("trials"), e.number("width"));
    }

    private static GridConfig grid(ConfigReader r) {
        ConfigSection g = r.section("knet.sweep.grid");
        List<InitScheme> inits = new ArrayList<>();
        for (String text : g.stringList("init")) inits.add(InitScheme.parse("knet.sweep.grid.init", text));
        return new GridConfig(g.boolList("batch-norm"), g.intListList("hidden"), inits, g.doubleList("init-sigma"),
                g.doubleList("log10-lambda"), g.intList("cycles"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Parsing and layering.

    private static Config reference() {
        Config reference;
        try {
            reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), REFERENCE);
        } catch (ConfigException e) {
            throw new IllegalStateException("cannot parse " + REFERENCE + ": " + e.getMessage(), e);
        }
        if (!reference.hasPath(ROOT)) throw new IllegalStateException(REFERENCE + " with a '" + ROOT + "' section not found on the classpath");
        return reference;
    }

    private static Config parseFile(Path file) {
        if (!Files.exists(file)) throw new KnetException("config file not found: " + file);
        if (Files.isDirectory(file)) throw new KnetException("config file is a directory: " + file);
        if (!Files.isReadable(file)) throw new KnetException("config file is not readable: " + file);
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException.Parse e) {
            throw new KnetException("syntax error in " + where(e.origin(), file.toString()) + ": " + detail(e), e);
        } catch (ConfigException e) {
            throw new KnetException("cannot read config file " + file + ": " + detail(e), e);
        }
    }

    private static final Pattern SUBSTITUTION_OR_QUOTED = Pattern.compile("^\\s*(\"|\\$\\{).*", Pattern.DOTALL);

    /**
     * One --set: "key=value", the value parsed as HOCON, except that a value for a string key is taken literally
     * (so paths and URLs need no quotes) unless it starts with a quote or a ${substitution}.
     */
    private static Config parseSet(String set, ConfigSchema schema) {
        int eq = set == null ? -1 : set.indexOf('=');
        if (eq < 0) throw new KnetException("--set expects key=value, got '" + set + "'");
        String key = set.substring(0, eq).trim();
        String value = set.substring(eq + 1).trim();
        if (key.isEmpty()) throw new KnetException("--set expects key=value, got '" + set + "' (empty key)");
        if (!key.equals(ROOT) && !key.startsWith(ROOT + ".")) key = ROOT + "." + key;
        String path;
        try {
            path = ConfigUtil.joinPath(ConfigUtil.splitPath(key));
        } catch (ConfigException e) {
            throw new KnetException("invalid key in --set " + set + ": " + detail(e), e);
        }
        String origin = "--set " + set;
        if (schema.leaves.get(path) == ConfigValueType.STRING && !SUBSTITUTION_OR_QUOTED.matcher(value).matches()) {
            return ConfigFactory.empty(origin).withValue(path, ConfigValueFactory.fromAnyRef(value, origin));
        }
        try {
            return ConfigFactory.parseString(path + " = " + value, ConfigParseOptions.defaults().setOriginDescription(origin));
        } catch (ConfigException e) {
            throw new KnetException("cannot parse --set " + set + ": " + detail(e), e);
        }
    }

    private static Config resolve(Config merged) {
        try {
            return merged.resolve(ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            String at = where(e.origin(), null);
            throw new KnetException("cannot resolve the configuration: " + detail(e) + (at == null ? "" : " (" + at + ")"), e);
        }
    }

    /** The exception's own text, without Typesafe's "origin: " prefix, on one line. */
    private static String detail(ConfigException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        ConfigOrigin origin = e.origin();
        if (origin != null && message.startsWith(origin.description() + ": ")) {
            message = message.substring(origin.description().length() + 2);
        }
        return oneLine(message);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** "file line N", "--set k=v", or the fallback when the origin says nothing useful. */
    static String where(ConfigOrigin origin, String fallback) {
        if (origin == null) return fallback;
        if (origin.filename() != null) {
            return origin.filename() + (origin.lineNumber() > 0 ? " line " + origin.lineNumber() : "");
        }
        String description = origin.description();
        if (description != null && description.startsWith("--set ")) return description.replaceFirst(": \\d+$", "");
        return fallback;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
