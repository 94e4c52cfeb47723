package org.knetsweep.config;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * One parameter of a search space and the distribution it is drawn from: {@code uniform} in [min, max],
 * {@code log-uniform} in [min, max] (uniform in log10), {@code int-uniform} over the integers min..max, or
 * {@code choice} among {@code values}. Samplers work in the unit interval: {@link #at} maps u in [0, 1) to a value.
 */
public record SpaceDimension(SpaceParam param, Kind kind, double min, double max, List<Object> values)
        implements Serializable {
    /** How a dimension is drawn. */
    public enum Kind {
        UNIFORM("uniform"), LOG_UNIFORM("log-uniform"), INT_UNIFORM("int-uniform"), CHOICE("choice");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind parse(String path, String text) {
            for (Kind k : values()) if (k.label.equals(text.toLowerCase(Locale.ROOT))) return k;
            throw Checks.invalid(path, "\"" + text + "\"", "uniform, log-uniform, int-uniform or choice");
        }
    }

    public SpaceDimension {
        values = values == null ? List.of() : List.copyOf(values);
        String path = SearchSpace.PATH + "." + param.key();
        if (kind == Kind.CHOICE) {
            if (values.isEmpty()) throw Checks.invalid(path + ".values", "[]", "a non-empty list of choices");
        } else {
            if (!param.type().numeric())
                throw Checks.invalid(path + ".type", kind.label(), "choice (" + param.key() + " takes "
                        + param.type().expected() + ")");
            if (kind != Kind.INT_UNIFORM && param.type() == SpaceParam.ValueType.POSITIVE_INT)
                throw Checks.invalid(path + ".type", kind.label(), "int-uniform or choice (" + param.key()
                        + " is an integer)");
            if (kind == Kind.INT_UNIFORM && param.type() != SpaceParam.ValueType.POSITIVE_INT)
                throw Checks.invalid(path + ".type", kind.label(), "uniform or log-uniform (" + param.key()
                        + " is not an integer)");
            if (!Double.isFinite(min)) throw Checks.invalid(path + ".min", min, "a finite number");
            if (!(max > min) || !Double.isFinite(max))
                throw Checks.invalid(path + ".max", max, "a finite number above min (" + min + ")");
            if (kind == Kind.LOG_UNIFORM && !(min > 0))
                throw Checks.invalid(path + ".min", min, "a positive number (log-uniform needs a positive range)");
            if (kind == Kind.INT_UNIFORM && (min != Math.rint(min) || max != Math.rint(max)))
                throw Checks.invalid(path + (min != Math.rint(min) ? ".min" : ".max"),
                        min != Math.rint(min) ? min : max, "an integer (int-uniform)");
            boolean positive = param.type() != SpaceParam.ValueType.REAL;
            if (positive && !(min > 0))
                throw Checks.invalid(path + ".min", min, "a positive number (" + param.key() + " is positive)");
        }
    }

    /** A range dimension. */
    public static SpaceDimension range(SpaceParam param, Kind kind, double min, double max) {
        return new SpaceDimension(param, kind, min, max, List.of());
    }

    /** A choice dimension. */
    public static SpaceDimension choice(SpaceParam param, List<?> values) {
        return new SpaceDimension(param, Kind.CHOICE, Double.NaN, Double.NaN, List.copyOf(values));
    }

    public boolean isChoice() {
        return kind == Kind.CHOICE;
    }

    /** True for a range, or a choice of two or more values. */
    public boolean varies() {
        return !isChoice() || values.size() > 1;
    }

    /**
     * The value at u in [0, 1): min + u (max - min) for uniform (exactly the report's draw of log10(lambda)),
     * 10^(log10 min + u (log10 max - log10 min)) for log-uniform, min + floor(u (max - min + 1)) for int-uniform,
     * the floor(u n)-th of n values for a choice.
     */
    public Object at(double u) {
        return switch (kind) {
            case UNIFORM -> min + u * (max - min);
            case LOG_UNIFORM -> Math.pow(10, Math.log10(min) + u * (Math.log10(max) - Math.log10(min)));
            case INT_UNIFORM -> (int) Math.min(max, min + Math.floor(u * (max - min + 1)));
            case CHOICE -> values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size())));
        };
    }

    /** A numeric value's coordinate, the scale the dimension is uniform on (log10 for log-uniform). */
    public double coordinate(double value) {
        return kind == Kind.LOG_UNIFORM ? Math.log10(value) : value;
    }

    /** The same kind of dimension over [lo, hi] in coordinates (see {@link #coordinate}). */
    public SpaceDimension narrowed(double lo, double hi) {
        return switch (kind) {
            case UNIFORM -> range(param, kind, lo, hi);
            case LOG_UNIFORM -> range(param, kind, Math.pow(10, lo), Math.pow(10, hi));
            case INT_UNIFORM -> range(param, kind, Math.floor(lo), Math.max(Math.ceil(hi), Math.floor(lo) + 1));
            case CHOICE -> this;
        };
    }

    /** The lowest and highest coordinate of a range dimension. */
    public double coordinateMin() {
        return coordinate(min);
    }

    public double coordinateMax() {
        return coordinate(max);
    }

    /** HOCON of the dimension, e.g. {@code {type = uniform, min = -3, max = -1}}. */
    public String hocon() {
        if (isChoice()) return "{type = choice, values = " + values.stream().map(SpaceDimension::hoconValue).toList()
                + "}";
        return String.format(Locale.ROOT, "{type = %s, min = %s, max = %s}", kind.label(), number(min), number(max));
    }

    private static String hoconValue(Object v) {
        if (v instanceof InitScheme s) return "\"" + s.label() + "\"";
        if (v instanceof Double d) return number(d);
        return String.valueOf(v);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
