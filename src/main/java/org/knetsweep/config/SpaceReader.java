package org.knetsweep.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code knet.sweep.space}: an object whose keys are {@link SpaceParam} names, each
 * {@code {type = uniform | log-uniform | int-uniform, min = .., max = ..}} or {@code {type = choice, values = [..]}}.
 * Every error names the key and what was expected. The dimensions are in the canonical order of {@link SpaceParam}
 * (not the order they are written in), so a space draws the same points however its HOCON is laid out or rendered.
 */
final class SpaceReader {
    private static final Set<String> RANGE_FIELDS = Set.of("type", "min", "max");
    private static final Set<String> CHOICE_FIELDS = Set.of("type", "values");

    private SpaceReader() {
    }

    static SearchSpace read(ConfigObject space) {
        java.util.SortedMap<SpaceParam, SpaceDimension> dims = new java.util.TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : new java.util.TreeMap<>(space).entrySet()) {
            String path = SearchSpace.PATH + "." + e.getKey();
            SpaceParam param = SpaceParam.parse(SearchSpace.PATH, e.getKey());
            if (!(e.getValue() instanceof ConfigObject dim))
                throw Checks.invalid(path, show(e.getValue()), "an object such as {type = uniform, min = -3, max = -1}"
                        + " or {type = choice, values = [..]}");
            ConfigValue typeValue = dim.get("type");
            if (typeValue == null || typeValue.valueType() != ConfigValueType.STRING)
                throw Checks.invalid(path + ".type", typeValue == null ? null : show(typeValue),
                        "uniform, log-uniform, int-uniform or choice");
            SpaceDimension.Kind kind = SpaceDimension.Kind.parse(path + ".type", (String) typeValue.unwrapped());
            Set<String> allowed = kind == SpaceDimension.Kind.CHOICE ? CHOICE_FIELDS : RANGE_FIELDS;
            for (String field : dim.keySet()) {
                if (!allowed.contains(field))
                    throw Checks.invalid(path + "." + field, show(dim.get(field)), "no such field for type "
                            + kind.label() + " (fields: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
            if (kind == SpaceDimension.Kind.CHOICE) {
                ConfigValue values = dim.get("values");
                if (values == null || values.valueType() != ConfigValueType.LIST)
                    throw Checks.invalid(path + ".values", values == null ? null : show(values),
                            "a non-empty list of " + param.type().expected() + " values");
                List<Object> out = new ArrayList<>();
                for (ConfigValue v : (ConfigList) values) out.add(value(path + ".values", param, v));
                dims.put(param, SpaceDimension.choice(param, out));
            } else {
                dims.put(param, SpaceDimension.range(param, kind, number(path + ".min", dim.get("min")),
                        number(path + ".max", dim.get("max"))));
            }
        }
        return new SearchSpace(new ArrayList<>(dims.values()));
    }

    private static double number(String path, ConfigValue v) {
        if (v == null || v.valueType() != ConfigValueType.NUMBER)
            throw Checks.invalid(path, v == null ? null : show(v), "a number");
        return ((Number) v.unwrapped()).doubleValue();
    }

    /** A choice value of the parameter's own type. */
    private static Object value(String path, SpaceParam param, ConfigValue v) {
        Object raw = v.unwrapped();
        String expected = param.type().expected();
        switch (param.type()) {
            case REAL, POSITIVE_REAL -> {
                if (!(raw instanceof Number n) || !Double.isFinite(n.doubleValue())
                        || (param.type() == SpaceParam.ValueType.POSITIVE_REAL && !(n.doubleValue() > 0)))
                    throw Checks.invalid(path, show(v), expected);
                return n.doubleValue();
            }
            case POSITIVE_INT -> {
                return positiveInt(path, v, expected);
            }
            case INT_LIST -> {
                if (!(v instanceof ConfigList list) || list.isEmpty()) throw Checks.invalid(path, show(v), expected);
                List<Integer> sizes = new ArrayList<>();
                for (ConfigValue e : list) sizes.add(positiveInt(path, e, expected));
                return List.copyOf(sizes);
            }
            case BOOLEAN -> {
                if (!(raw instanceof Boolean b)) throw Checks.invalid(path, show(v), expected);
                return b;
            }
            case INIT -> {
                if (!(raw instanceof String s)) throw Checks.invalid(path, show(v), expected);
                return InitScheme.parse(path, s);
            }
        }
        throw new IllegalStateException(param.toString());
    }

    private static int positiveInt(String path, ConfigValue v, String expected) {
        if (!(v.unwrapped() instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < 1 || n.doubleValue() > Integer.MAX_VALUE)
            throw Checks.invalid(path, show(v), expected);
        return n.intValue();
    }

    private static String show(ConfigValue v) {
        return v.render(com.typesafe.config.ConfigRenderOptions.concise());
    }
}
