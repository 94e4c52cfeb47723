package org.knetsweep.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.knetsweep.KnetException;

/** Typed reads of the resolved tree; every value read is kept, normalized, for the rendered text. */
final class ConfigReader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Config config;
    /** Path -> normalized Java value (Integer, Long, Double, Boolean, String or List). */
    private final Map<String, Object> read = new TreeMap<>();
    /** Every path read, rendered or not. */
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    ConfigReader(Config config) {
        this.config = config;
    }

    ConfigSection section(String prefix) {
        return new ConfigSection(this, prefix);
    }

    private ConfigValue value(String path, String expected) {
        if (!config.hasPathOrNull(path)) throw new IllegalStateException(path + " is missing from " + ConfigLoader.REFERENCE);
        if (config.getIsNull(path)) throw new KnetException(path + ": expected " + expected + ", got null");
        return config.getValue(path);
    }

    private KnetException wrongType(String path, ConfigValue v, String expected) {
        String at = ConfigLoader.where(v.origin(), null);
        return new KnetException(path + ": expected " + expected + ", got " + show(v) + (at == null ? "" : " (" + at + ")"));
    }

    private static String show(ConfigValue v) {
        if (v.valueType() == ConfigValueType.STRING) return "'" + v.unwrapped() + "'";
        return v.render(ConfigRenderOptions.concise());
    }

    private <T> T remember(String path, T value) {
        read.put(path, value);
        seen.add(path);
        return value;
    }

    /**
     * Leaves a key added after sweeps were first stored out of the rendered text (and so out of the configuration
     * hash) while it has its default value: the configuration of an older sweep renders, and hashes, as before.
     */
    void renderOnlyIfNot(String path, Object value) {
        if (value.equals(read.get(path))) read.remove(path);
    }

    /** Leaves a key out of the rendered text (and the configuration hash): read, but not used by this run. */
    void unrender(String path) {
        read.remove(path);
    }

    /** The search space at {@code path}; rendered only when it is not empty. */
    SearchSpace space(String path) {
        ConfigValue v = value(path, "an object of parameters");
        if (!(v instanceof ConfigObject o)) throw wrongType(path, v, "an object of parameters");
        SearchSpace space = SpaceReader.read(o);
        seen.add(path);
        if (!space.isEmpty()) read.put(path, o.unwrapped());
        return space;
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
            if (!seen.contains(key)) {
                throw new IllegalStateException(ConfigLoader.REFERENCE + " defines " + key + " but ConfigLoader does not read it");
            }
        }
    }

    /** The values read, as a HOCON tree under "knet", keys sorted. */
    String render() {
        Config out = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : read.entrySet()) {
            out = out.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
        }
        return out.root().render(ConfigLoader.RENDER);
    }
}
