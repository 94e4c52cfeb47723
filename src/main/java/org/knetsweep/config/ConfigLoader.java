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
 * {@code private static XConfig x(Reader r)} builder below, and a component to {@link LoadedConfig}.
 */
public final class ConfigLoader {
    /** The root every key lives under. */
    public static final String ROOT = "knet";

    private static final String REFERENCE = "reference.conf";
    private static final ConfigRenderOptions RENDER = ConfigRenderOptions.concise().setJson(false).setFormatted(true);

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
        Schema schema = new Schema(reference.resolve());
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
        return build(new Reader(resolve(merged)), schema);
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
        Schema schema = new Schema(reference.resolve());
        Config stored;
        try {
            stored = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults()
                    .setOriginDescription("stored configuration"));
        } catch (ConfigException e) {
            throw new KnetException("cannot parse the stored configuration: " + detail(e), e);
        }
        return build(new Reader(resolve(stored.withFallback(reference))), schema);
    }

    /** Builds the records from the resolved tree, checking that every key of the schema was read. */
    private static LoadedConfig build(Reader r, Schema schema) {
        RunConfig run = new RunConfig(r.section(ROOT).longInt("seed"), data(r), network(r), training(r));
        GradCheckConfig gradCheck = gradCheck(r);
        BenchConfig bench = bench(r);
        SweepConfig sweep = sweep(r);
        SaveModels saveModels = r.section("knet.sweep").choice("save-models", SaveModels::parse, SaveModels::label);
        int leaseTimeout = r.section("knet.sweep").integer("lease-timeout");

        r.requireAllRead(schema.leaves.keySet());
        String rendered = r.render();
        return new LoadedConfig(run, gradCheck, bench, rendered, sha256(rendered).substring(0, 12), sweep,
                saveModels, leaseTimeout);
    }

    /** Every key reference.conf defines (full paths, e.g. "knet.network.hidden"), sorted. */
    public static Set<String> knownKeys() {
        return new TreeSet<>(new Schema(reference().resolve()).leaves.keySet());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sections: one builder per record.

    private static DataConfig data(Reader r) {
        Section s = r.section("knet.data");
        return new DataConfig(s.string("source"), s.string("url"), s.string("md5"), s.string("cache-dir"),
                s.integer("validation-size"), s.integer("train-limit"), s.integer("feature-limit"));
    }

    private static NetworkConfig network(Reader r) {
        Section s = r.section("knet.network");
        return new NetworkConfig(s.intList("hidden"), s.bool("batch-norm"),
                s.choice("init", InitScheme::parse, InitScheme::label), s.number("init-sigma"),
                s.number("bn-alpha"), s.number("bn-epsilon"));
    }

    private static TrainingConfig training(Reader r) {
        Section s = r.section("knet.training");
        return new TrainingConfig(s.number("lambda"), s.integer("batch-size"), s.number("eta-min"),
                s.number("eta-max"), s.integer("step-size"), s.integer("cycles"),
                s.choice("precision", Precision::parse, Precision::label), s.integer("train-eval-size"));
    }

    private static GradCheckConfig gradCheck(Reader r) {
        Section s = r.section("knet.gradcheck");
        Section net = r.section("knet.network");
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

    private static BenchConfig bench(Reader r) {
        Section s = r.section("knet.bench");
        return new BenchConfig(s.integer("steps"), s.integer("warmup"), s.integer("batch-size"), s.integer("images"));
    }

    private static SweepConfig sweep(Reader r) {
        Section s = r.section("knet.sweep");
        Section coarse = r.section("knet.sweep.coarse");
        Section fine = r.section("knet.sweep.fine");
        Section fin = r.section("knet.sweep.final");
        return new SweepConfig(s.string("name"), coarse.integer("trials"), coarse.number("log10-lambda-min"),
                coarse.number("log10-lambda-max"), fine.integer("trials"), fine.number("min-half-width"),
                fin.bool("enabled"), fin.integer("cycles"), s.stringList("fail-trials"),
                r.section("knet.results").string("root"), r.section("knet.spark").string("master"),
                s.choice("mode", SweepConfig.Mode::parse, SweepConfig.Mode::label), grid(r), halving(r),
                s.integer("replicas"), s.integer("replicas-top-k"), edge(r));
    }

    private static HalvingConfig halving(Reader r) {
        Section h = r.section("knet.sweep.halving");
        return new HalvingConfig(h.bool("enabled"), h.integer("rungs"), h.number("eta"), h.number("min-budget"));
    }

    private static EdgeGuardConfig edge(Reader r) {
        Section e = r.section("knet.sweep.edge");
        return new EdgeGuardConfig(e.number("fraction"), e.bool("extend"), e.integer("trials"), e.number("width"));
    }

    private static GridConfig grid(Reader r) {
        Section g = r.section("knet.sweep.grid");
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
    private static Config parseSet(String set, Schema schema) {
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
    private static String where(ConfigOrigin origin, String fallback) {
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

    // ---------------------------------------------------------------------------------------------------------------
    // Schema: the keys of reference.conf, and the unknown-key check.

    private static final class Schema {
        /** Leaf path -> type in reference.conf (lists are leaves). */
        final Map<String, ConfigValueType> leaves = new TreeMap<>();
        /** Object paths in reference.conf ("knet", "knet.data", ...). */
        final Set<String> sections = new TreeSet<>();

        Schema(Config reference) {
            ConfigObject root = reference.root().withOnlyKey(ROOT);
            walk(root, new ArrayList<>(), (path, value) -> leaves.put(path, value.valueType()), sections);
        }

        /** Rejects keys of one layer that reference.conf does not define. */
        void check(Config layer, String source) {
            Map<String, ConfigValue> found = new LinkedHashMap<>();
            walk(layer.root(), new ArrayList<>(), found::put, new TreeSet<>());
            List<Map.Entry<String, ConfigValue>> bad = new ArrayList<>();
            for (Map.Entry<String, ConfigValue> e : found.entrySet()) {
                if (!leaves.containsKey(e.getKey())) bad.add(e);
            }
            if (bad.isEmpty()) return;
            bad.sort(Comparator.comparingInt(e -> e.getValue().origin().lineNumber()));
            Map.Entry<String, ConfigValue> first = bad.get(0);
            String key = first.getKey();
            String at = source;
            ConfigOrigin origin = first.getValue().origin();
            if (origin.filename() != null && origin.lineNumber() > 0) at = at + " line " + origin.lineNumber();
            StringBuilder message = new StringBuilder();
            if (sections.contains(key)) {
                message.append(key).append(" is a section, not a value (").append(at).append("); set its keys: ")
                        .append(String.join(", ", keysOf(key)));
            } else {
                message.append("unknown key ").append(key).append(" (").append(at).append(")");
                String suggestion = suggest(key);
                if (suggestion != null) {
                    message.append("; did you mean ").append(suggestion).append("?");
                } else {
                    String parent = parentSection(key);
                    if (parent != null) message.append("; keys of ").append(parent).append(": ").append(String.join(", ", childrenOf(parent)));
                }
            }
            if (bad.size() > 1) message.append(" (and ").append(bad.size() - 1).append(" more unknown key").append(bad.size() > 2 ? "s" : "").append(")");
            throw new KnetException(message.toString());
        }

        private List<String> keysOf(String section) {
            List<String> keys = new ArrayList<>();
            for (String leaf : leaves.keySet()) {
                if (leaf.startsWith(section + ".")) keys.add(leaf.substring(section.length() + 1));
            }
            return keys;
        }

        /** The immediate children of a section: keys by name, subsections as "name.*". */
        private List<String> childrenOf(String section) {
            Set<String> children = new TreeSet<>();
            for (String key : keysOf(section)) {
                List<String> parts = ConfigUtil.splitPath(key);
                children.add(ConfigUtil.joinPath(parts.get(0)) + (parts.size() > 1 ? ".*" : ""));
            }
            return new ArrayList<>(children);
        }

        private String parentSection(String key) {
            List<String> parts = ConfigUtil.splitPath(key);
            for (int n = parts.size() - 1; n > 0; n--) {
                String prefix = ConfigUtil.joinPath(parts.subList(0, n));
                if (sections.contains(prefix)) return prefix;
            }
            return null;
        }

        /** The closest known key by name, or null when nothing is close. */
        String suggest(String key) {
            if (leaves.containsKey(ROOT + "." + key)) return ROOT + "." + key;
            List<String> parts = ConfigUtil.splitPath(key);
            String last = normalize(parts.get(parts.size() - 1));
            String best = null;
            int bestLast = Integer.MAX_VALUE;
            int bestFull = Integer.MAX_VALUE;
            for (String known : leaves.keySet()) {
                List<String> knownParts = ConfigUtil.splitPath(known);
                int dLast = levenshtein(last, normalize(knownParts.get(knownParts.size() - 1)));
                int dFull = levenshtein(normalize(key), normalize(known));
                boolean closeByName = dLast <= Math.max(1, last.length() / 3);
                boolean closeByPath = dFull <= 3;
                if (!closeByName && !closeByPath) continue;
                int rankLast = closeByName ? dLast : Integer.MAX_VALUE - 1;
                if (rankLast < bestLast || (rankLast == bestLast && dFull < bestFull)) {
                    best = known;
                    bestLast = rankLast;
                    bestFull = dFull;
                }
            }
            return best;
        }

        private static String normalize(String s) {
            return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        }

        private static int levenshtein(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) prev[j] = j;
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }

        /** Visits the leaves (non-objects; lists are leaves) of an unresolved tree. */
        private static void walk(ConfigObject object, List<String> prefix,
                                 java.util.function.BiConsumer<String, ConfigValue> leaf, Set<String> sections) {
            if (!prefix.isEmpty()) sections.add(ConfigUtil.joinPath(prefix));
            Set<Map.Entry<String, ConfigValue>> entries;
            try {
                entries = object.entrySet();
            } catch (ConfigException.NotResolved e) {
                return; // an object built from substitutions: checked after resolution by the typed reads
            }
            for (Map.Entry<String, ConfigValue> e : entries) {
                List<String> path = new ArrayList<>(prefix);
                path.add(e.getKey());
                if (e.getValue() instanceof ConfigObject child) {
                    walk(child, path, leaf, sections);
                } else {
                    leaf.accept(ConfigUtil.joinPath(path), e.getValue());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Typed reads of the resolved tree; every value read is kept, normalized, for the rendered text.

    private static final class Reader {
        private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

        private final Config config;
        /** Path -> normalized Java value (Integer, Long, Double, Boolean, String or List). */
        private final Map<String, Object> read = new TreeMap<>();

        Reader(Config config) {
            this.config = config;
        }

        Section section(String prefix) {
            return new Section(this, prefix);
        }

        private ConfigValue value(String path, String expected) {
            if (!config.hasPathOrNull(path)) throw new IllegalStateException(path + " is missing from " + REFERENCE);
            if (config.getIsNull(path)) throw new KnetException(path + ": expected " + expected + ", got null");
            return config.getValue(path);
        }

        private KnetException wrongType(String path, ConfigValue v, String expected) {
            String at = where(v.origin(), null);
            return new KnetException(path + ": expected " + expected + ", got " + show(v) + (at == null ? "" : " (" + at + ")"));
        }

        private static String show(ConfigValue v) {
            if (v.valueType() == ConfigValueType.STRING) return "'" + v.unwrapped() + "'";
            return v.render(ConfigRenderOptions.concise());
        }

        private <T> T remember(String path, T value) {
            read.put(path, value);
            return value;
        }

        /** A whole number in [min, max]: a NUMBER without fraction, or a STRING that parses as one. */
        private static Long whole(ConfigValue v, long min, long max) {
            Number n = numeric(v);
            if (n == null) return null;
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (d != Math.rint(d) || d < min || d > max) return null;
                return (long) d;
            }
            long l = n.longValue();
            return l < min || l > max ? null : l;
        }

        private static Number numeric(ConfigValue v) {
            if (v.valueType() == ConfigValueType.NUMBER) return (Number) v.unwrapped();
            if (v.valueType() == ConfigValueType.STRING) {
                String s = ((String) v.unwrapped()).trim();
                if (!NUMBER.matcher(s).matches()) return null;
                try {
                    return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
                } catch (NumberFormatException e) {
                    return Double.parseDouble(s);
                }
            }
            return null;
        }

        int integer(String path) {
            ConfigValue v = value(path, "an integer");
            Long l = whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (l == null) throw wrongType(path, v, "an integer");
            return remember(path, l.intValue());
        }

        long longInt(String path) {
            ConfigValue v = value(path, "an integer");
            Long l = whole(v, Long.MIN_VALUE, Long.MAX_VALUE);
            if (l == null) throw wrongType(path, v, "an integer");
            return remember(path, l);
        }

        double number(String path) {
            ConfigValue v = value(path, "a number");
            Number n = numeric(v);
            if (n == null) throw wrongType(path, v, "a number");
            return remember(path, n.doubleValue());
        }

        boolean bool(String path) {
            ConfigValue v = value(path, "true or false");
            if (v.valueType() == ConfigValueType.BOOLEAN) return remember(path, (Boolean) v.unwrapped());
            if (v.valueType() == ConfigValueType.STRING) {
                switch (((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> {
                        return remember(path, true);
                    }
                    case "false", "no", "off" -> {
                        return remember(path, false);
                    }
                    default -> {
                    }
                }
            }
            throw wrongType(path, v, "true or false");
        }

        String string(String path) {
            ConfigValue v = value(path, "a string");
            return switch (v.valueType()) {
                case STRING -> remember(path, (String) v.unwrapped());
                case NUMBER, BOOLEAN -> remember(path, v.render(ConfigRenderOptions.concise()));
                default -> throw wrongType(path, v, "a string");
            };
        }

        /** A string parsed by {@code parser(key, text)}; its canonical {@code label} is what gets rendered. */
        <E> E choice(String path, BiFunction<String, String, E> parser, Function<E, String> label) {
            String text = string(path);
            E parsed = parser.apply(path, text);
            remember(path, label.apply(parsed));
            return parsed;
        }

        List<Integer> intList(String path) {
            List<Long> values = wholeList(path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            List<Integer> ints = values.stream().map(Long::intValue).toList();
            return remember(path, ints);
        }

        List<Long> longList(String path) {
            return remember(path, wholeList(path, Long.MIN_VALUE, Long.MAX_VALUE));
        }

        /** A list of strings; numbers and booleans are taken as their text, like {@link #string}. */
        List<String> stringList(String path) {
            String expected = "a list of strings";
            ConfigValue v = value(path, expected);
            if (v.valueType() != ConfigValueType.LIST) throw wrongType(path, v, expected);
            List<String> out = new ArrayList<>();
            for (ConfigValue element : (ConfigList) v) {
                switch (element.valueType()) {
                    case STRING -> out.add((String) element.unwrapped());
                    case NUMBER, BOOLEAN -> out.add(element.render(ConfigRenderOptions.concise()));
                    default -> throw wrongType(path, v, expected);
                }
            }
            return remember(path, List.copyOf(out));
        }

        List<Double> doubleList(String path) {
            String expected = "a list of numbers";
            List<Double> out = new ArrayList<>();
            for (ConfigValue element : list(path, expected)) {
                Number n = numeric(element);
                if (n == null) throw wrongType(path, element, expected);
                out.add(n.doubleValue());
            }
            return remember(path, List.copyOf(out));
        }

        List<Boolean> boolList(String path) {
            String expected = "a list of booleans";
            List<Boolean> out = new ArrayList<>();
            for (ConfigValue element : list(path, expected)) {
                Object u = element.unwrapped();
                if (u instanceof Boolean b) out.add(b);
                else if ("true".equals(u) || "false".equals(u)) out.add(Boolean.parseBoolean((String) u));
                else throw wrongType(path, element, expected);
            }
            return remember(path, List.copyOf(out));
        }

        List<List<Integer>> intListList(String path) {
            String expected = "a list of lists of integers";
            List<List<Integer>> out = new ArrayList<>();
            for (ConfigValue element : list(path, expected)) {
                if (element.valueType() != ConfigValueType.LIST) throw wrongType(path, element, expected);
                List<Integer> inner = new ArrayList<>();
                for (ConfigValue x : (ConfigList) element) {
                    Long l = whole(x, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    if (l == null) throw wrongType(path, element, expected);
                    inner.add(l.intValue());
                }
                out.add(List.copyOf(inner));
            }
            return remember(path, List.copyOf(out));
        }

        private ConfigList list(String path, String expected) {
            ConfigValue v = value(path, expected);
            if (v.valueType() != ConfigValueType.LIST) throw wrongType(path, v, expected);
            return (ConfigList) v;
        }

        private List<Long> wholeList(String path, long min, long max) {
            String expected = "a list of integers";
            ConfigValue v = value(path, expected);
            if (v.valueType() != ConfigValueType.LIST) throw wrongType(path, v, expected);
            List<Long> out = new ArrayList<>();
            for (ConfigValue element : (ConfigList) v) {
                Long l = whole(element, min, max);
                if (l == null) throw wrongType(path, v, expected);
                out.add(l);
            }
            return List.copyOf(out);
        }

        void requireAllRead(Set<String> known) {
            for (String key : known) {
                if (!read.containsKey(key)) {
                    throw new IllegalStateException(REFERENCE + " defines " + key + " but ConfigLoader does not read it");
                }
            }
        }

        /** The values read, as a HOCON tree under "knet", keys sorted. */
        String render() {
            Config out = ConfigFactory.empty();
            for (Map.Entry<String, Object> e : read.entrySet()) {
                out = out.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
            }
            return out.root().render(RENDER);
        }
    }

    /** Reads keys relative to one section, e.g. {@code section("knet.data").integer("train-limit")}. */
    private record Section(Reader reader, String prefix) {
        private String path(String key) {
            return prefix + "." + key;
        }

        int integer(String key) {
            return reader.integer(path(key));
        }

        long longInt(String key) {
            return reader.longInt(path(key));
        }

        double number(String key) {
            return reader.number(path(key));
        }

        boolean bool(String key) {
            return reader.bool(path(key));
        }

        String string(String key) {
            return reader.string(path(key));
        }

        <E> E choice(String key, BiFunction<String, String, E> parser, Function<E, String> label) {
            return reader.choice(path(key), parser, label);
        }

        List<Integer> intList(String key) {
            return reader.intList(path(key));
        }

        List<Long> longList(String key) {
            return reader.longList(path(key));
        }

        List<String> stringList(String key) {
            return reader.stringList(path(key));
        }

        List<Double> doubleList(String key) {
            return reader.doubleList(path(key));
        }

        List<Boolean> boolList(String key) {
            return reader.boolList(path(key));
        }

        List<List<Integer>> intListList(String key) {
            return reader.intListList(path(key));
        }
    }
}
