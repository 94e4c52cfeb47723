package org.knetsweep.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * A hyperparameter a search space may vary, named as in HOCON ({@code knet.sweep.space.<name>}). A parameter not in
 * the space keeps its {@code knet.network} / {@code knet.training} value. {@code log10-lambda} is the one form of
 * the L2 coefficient a space holds; the linear value is derived from it when a trial's configuration is built.
 */
public enum SpaceParam {
    LOG10_LAMBDA("log10-lambda", ValueType.REAL, "knet.training.lambda", "log10_lambda",
            (s, v) -> s.training = s.training.withLambda(SearchSpace.linearLambda((Double) v)),
            (net, t) -> Math.log10(t.lambda())),
    ETA_MIN("eta-min", ValueType.POSITIVE_REAL, "knet.training.eta-min", "eta_min",
            (s, v) -> s.etaMin = (Double) v, (net, t) -> t.etaMin()),
    ETA_MAX("eta-max", ValueType.POSITIVE_REAL, "knet.training.eta-max", "eta_max",
            (s, v) -> s.etaMax = (Double) v, (net, t) -> t.etaMax()),
    STEP_SIZE("step-size", ValueType.POSITIVE_INT, "knet.training.step-size", "step_size",
            (s, v) -> s.training = s.training.withStepSize((Integer) v), (net, t) -> t.stepSize()),
    CYCLES("cycles", ValueType.POSITIVE_INT, "knet.training.cycles", "cycles",
            (s, v) -> s.training = s.training.withCycles((Integer) v), (net, t) -> t.cycles()),
    BATCH_SIZE("batch-size", ValueType.POSITIVE_INT, "knet.training.batch-size", "batch_size",
            (s, v) -> s.training = s.training.withBatchSize((Integer) v), (net, t) -> t.batchSize()),
    HIDDEN("hidden", ValueType.INT_LIST, "knet.network.hidden", "hidden",
            (s, v) -> s.network = s.network.withHidden(TrialSettings.intList(v)), (net, t) -> List.copyOf(net.hidden())),
    BATCH_NORM("batch-norm", ValueType.BOOLEAN, "knet.network.batch-norm", "batch_norm",
            (s, v) -> s.network = s.network.withBatchNorm((Boolean) v), (net, t) -> net.batchNorm()),
    INIT("init", ValueType.INIT, "knet.network.init", "init",
            (s, v) -> s.network = s.network.withInit((InitScheme) v, s.network.initSigma()), (net, t) -> net.init()),
    INIT_SIGMA("init-sigma", ValueType.POSITIVE_REAL, "knet.network.init-sigma", "init_sigma",
            (s, v) -> s.network = s.network.withInit(s.network.init(), (Double) v), (net, t) -> net.initSigma());

    /** The kind of value a parameter takes. */
    public enum ValueType {
        REAL("a finite number"),
        POSITIVE_REAL("a positive number"),
        POSITIVE_INT("a positive integer"),
        INT_LIST("a list of positive integers, e.g. [50, 50]"),
        BOOLEAN("true or false"),
        INIT("\"he\" or \"normal\"");

        private final String expected;

        ValueType(String expected) {
            this.expected = expected;
        }

        /** What a value of this type looks like, for error messages. */
        public String expected() {
            return expected;
        }

        /** True for the types a uniform, log-uniform or int-uniform range can cover. */
        public boolean numeric() {
            return this == REAL || this == POSITIVE_REAL || this == POSITIVE_INT;
        }
    }

    private final String key;
    private final ValueType type;
    private final String replaces;
    private final String column;
    private final BiConsumer<TrialSettings, Object> apply;
    private final BiFunction<NetworkConfig, TrainingConfig, Object> value;

    /**
     * One searchable hyperparameter, defined once: its name in {@code knet.sweep.space}, the type of its values, the
     * key of the base configuration it replaces in a trial, its {@code trials} column, how a value applies to a
     * trial's settings and how a run's configuration holds it. Its numeric encoding for model-based samplers follows
     * from the space dimension's kind (uniform, log-uniform, int-uniform: the unit interval on the dimension's
     * scale; choice: the value's index); see {@link SpaceDimension#at}.
     */
    SpaceParam(String key, ValueType type, String replaces, String column, BiConsumer<TrialSettings, Object> apply,
               BiFunction<NetworkConfig, TrainingConfig, Object> value) {
        this.key = key;
        this.type = type;
        this.replaces = replaces;
        this.column = column;
        this.apply = apply;
        this.value = value;
    }

    /** The key of the base configuration a point's value replaces, e.g. "knet.training.eta-max". */
    public String replaces() {
        return replaces;
    }

    /** The trial's column in the {@code trials} table, e.g. "eta_max". */
    public String column() {
        return column;
    }

    /** Applies a value of this parameter to the settings of a trial being built. */
    void applyTo(TrialSettings settings, Object v) {
        apply.accept(settings, v);
    }

    /** The HOCON name, e.g. "eta-max". */
    public String key() {
        return key;
    }

    public ValueType type() {
        return type;
    }

    /** The parameter named {@code name}; the error names {@code path} and lists the known names. */
    public static SpaceParam parse(String path, String name) {
        for (SpaceParam p : values()) if (p.key.equals(name.toLowerCase(Locale.ROOT))) return p;
        throw Checks.invalid(path, name, "one of " + names());
    }

    /** The known names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(SpaceParam::key).collect(Collectors.joining(", "));
    }

    /** The parameter's value in a run's configuration (log10 of lambda for {@link #LOG10_LAMBDA}). */
    public Object valueIn(NetworkConfig net, TrainingConfig training) {
        return value.apply(net, training);
    }
}
