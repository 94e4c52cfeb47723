package org.knetsweep.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A hyperparameter a search space may vary, named as in HOCON ({@code knet.sweep.space.<name>}). A parameter not in
 * the space keeps its {@code knet.network} / {@code knet.training} value. {@code log10-lambda} is the one form of
 * the L2 coefficient a space holds; the linear value is derived from it when a trial's configuration is built.
 */
public enum SpaceParam {
    LOG10_LAMBDA("log10-lambda", ValueType.REAL),
    ETA_MIN("eta-min", ValueType.POSITIVE_REAL),
    ETA_MAX("eta-max", ValueType.POSITIVE_REAL),
    STEP_SIZE("step-size", ValueType.POSITIVE_INT),
    CYCLES("cycles", ValueType.POSITIVE_INT),
    BATCH_SIZE("batch-size", ValueType.POSITIVE_INT),
    HIDDEN("hidden", ValueType.INT_LIST),
    BATCH_NORM("batch-norm", ValueType.BOOLEAN),
    INIT("init", ValueType.INIT),
    INIT_SIGMA("init-sigma", ValueType.POSITIVE_REAL);

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

    SpaceParam(String key, ValueType type) {
        this.key = key;
        this.type = type;
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
        return switch (this) {
            case LOG10_LAMBDA -> Math.log10(training.lambda());
            case ETA_MIN -> training.etaMin();
            case ETA_MAX -> training.etaMax();
            case STEP_SIZE -> training.stepSize();
            case CYCLES -> training.cycles();
            case BATCH_SIZE -> training.batchSize();
            case HIDDEN -> List.copyOf(net.hidden());
            case BATCH_NORM -> net.batchNorm();
            case INIT -> net.init();
            case INIT_SIGMA -> net.initSigma();
        };
    }
}
