package org.knetsweep.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;

/**
 * The numeric parameters a search varied, read from the stored trials alone: a parameter varies when its column holds
 * more than one distinct value among the sweep's coarse, extend and fine trials (the final retrain runs other cycles
 * by design). Columns added to the {@code trials} table after a sweep was stored are absent from its rows, so the
 * parameters of an old sweep are those of its own columns; nothing depends on how the space was configured.
 */
final class SearchSpace {
    /** A numeric parameter a search may vary, by its {@code trials} column. */
    enum Parameter {
        LOG10_LAMBDA("log10_lambda", "log10(λ)"),
        ETA_MIN("eta_min", "η min"),
        ETA_MAX("eta_max", "η max"),
        STEP_SIZE("step_size", "step size n_s"),
        BATCH_SIZE("batch_size", "batch size"),
        CYCLES("cycles", "cycles"),
        INIT_SIGMA("init_sigma", "σ");

        final String column;
        final String label;

        Parameter(String column, String label) {
            this.column = column;
            this.label = label;
        }
    }

    /** The {@code trials} columns that {@link TrialOutcome} does not carry, read by name where a table has them. */
    static final List<String> EXTRA_COLUMNS = List.of(Parameter.ETA_MIN.column, Parameter.ETA_MAX.column,
            Parameter.STEP_SIZE.column, Parameter.BATCH_SIZE.column);

    private final Map<String, Map<String, Double>> extra;
    private final List<Parameter> varying;

    private SearchSpace(Map<String, Map<String, Double>> extra, List<Parameter> varying) {
        this.extra = extra;
        this.varying = List.copyOf(varying);
    }

    /**
     * The space of a sweep's trials.
     *
     * @param extra per trial id, the values of {@link #EXTRA_COLUMNS} its row holds
     */
    static SearchSpace of(List<TrialOutcome> trials, Map<String, Map<String, Double>> extra) {
        SearchSpace unvaried = new SearchSpace(Map.copyOf(extra), List.of());
        List<TrialOutcome> search = trials.stream().filter(t -> t.stage() == Stage.COARSE
                || t.stage() == Stage.EXTEND || t.stage() == Stage.FINE).toList();
        List<Parameter> varying = new ArrayList<>();
        for (Parameter p : Parameter.values()) {
            Set<Double> distinct = new HashSet<>();
            for (TrialOutcome t : search) {
                double v = unvaried.value(p, t);
                if (Double.isFinite(v)) distinct.add(v);
            }
            if (distinct.size() > 1) varying.add(p);
        }
        return new SearchSpace(unvaried.extra, varying);
    }

    /** The parameters that vary, in the order of {@link Parameter}. */
    List<Parameter> varying() {
        return varying;
    }

    /** Two or more numeric parameters vary: the report shows the search per parameter and pairwise. */
    boolean isMultiParameter() {
        return varying.size() >= 2;
    }

    /** The trial's value of {@code p}; NaN when its row lacks the column (or sigma of a non-normal init). */
    double value(Parameter p, TrialOutcome t) {
        return switch (p) {
            case LOG10_LAMBDA -> t.log10Lambda();
            case CYCLES -> t.cycles();
            case INIT_SIGMA -> Setting.isNormal(t) ? t.initSigma() : Double.NaN;
            default -> extra.getOrDefault(t.trialId(), Map.of()).getOrDefault(p.column, Double.NaN);
        };
    }

    /** A value as the report shows it: log10(λ) with its decimals, integers plainly, rates in scientific form. */
    static String format(Parameter p, double v) {
        if (!Double.isFinite(v)) return Format.NONE;
        return switch (p) {
            case LOG10_LAMBDA -> Format.log10(v);
            case STEP_SIZE, BATCH_SIZE, CYCLES -> String.format(Locale.ROOT, "%d", Math.round(v));
            default -> Format.scientific(v);
        };
    }

    /** The tick pattern of a parameter's axis. */
    static String pattern(Parameter p) {
        return switch (p) {
            case LOG10_LAMBDA -> "0.0##";
            case STEP_SIZE, BATCH_SIZE, CYCLES -> "#,##0";
            default -> "0.0####";
        };
    }

    /** A logarithmic axis for a parameter whose shown values are all positive and span a factor of 10 or more. */
    boolean logScale(Parameter p, List<TrialOutcome> trials) {
        if (p == Parameter.LOG10_LAMBDA) return false;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (TrialOutcome t : trials) {
            double v = value(p, t);
            if (!Double.isFinite(v)) continue;
            if (v <= 0) return false;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi >= 10 * lo;
    }

    /** The trial's values of the varying parameters, e.g. {@code log10(λ) = -2.017, η max = 1.00e-1}. */
    String describe(TrialOutcome t) {
        return varying.stream().map(p -> p.label + " = " + format(p, value(p, t))).collect(Collectors.joining(", "));
    }
}
