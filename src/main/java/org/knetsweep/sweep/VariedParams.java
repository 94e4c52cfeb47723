package org.knetsweep.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceDimension;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

/**
 * The parameters a sweep's space varies (a range, or a choice of more than one value), and how the console names a
 * trial's values of them: {@code log10_lambda=-2.3100 eta_max=0.08 hidden=[50,50]}. A space that varies log10(lambda)
 * alone (or nothing) keeps the one-parameter wording, {@code log10(lambda) -2.3100}.
 */
public final class VariedParams {
    /** The one-parameter wording, for a space that varies only log10(lambda). */
    public static final VariedParams LAMBDA = new VariedParams(List.of(SpaceParam.LOG10_LAMBDA));

    private final List<SpaceParam> params;

    private VariedParams(List<SpaceParam> params) {
        this.params = List.copyOf(params);
    }

    /** The parameters {@code space} varies, in its order. */
    public static VariedParams of(SearchSpace space) {
        List<SpaceParam> varied = new ArrayList<>();
        for (SpaceDimension d : space.dimensions())
            if (!d.isChoice() || d.values().size() > 1) varied.add(d.param());
        return new VariedParams(varied);
    }

    /** True when only log10(lambda) varies (or nothing): the labels are the one-parameter wording. */
    public boolean lambdaOnly() {
        return params.isEmpty() || params.equals(List.of(SpaceParam.LOG10_LAMBDA));
    }

    /** The varied parameters. */
    public List<SpaceParam> params() {
        return params;
    }

    /** A trial's point, e.g. "log10(lambda) -2.3100" or "log10_lambda=-2.3100 eta_max=0.08". */
    public String label(TrialOutcome t) {
        if (lambdaOnly()) return lambdaLabel(t.log10Lambda());
        return join(p -> StageStrategy.valueOf(p, t));
    }

    /** A spec's point, as {@link #label(TrialOutcome)} names it once trained. */
    public String label(TrialSpec s) {
        if (lambdaOnly()) return lambdaLabel(s.log10Lambda());
        return join(p -> p == SpaceParam.LOG10_LAMBDA ? s.log10Lambda()
                : p.valueIn(s.run().network(), s.run().training()));
    }

    /** The one-parameter wording. */
    public static String lambdaLabel(double log10Lambda) {
        return String.format(Locale.ROOT, "log10(lambda) %.4f", log10Lambda);
    }

    private String join(Function<SpaceParam, Object> value) {
        return params.stream().map(p -> p.key().replace('-', '_') + "=" + format(p, value.apply(p)))
                .collect(Collectors.joining(" "));
    }

    /** log10(lambda) to 4 decimals, other reals to 4 significant digits, lists without spaces. */
    static String format(SpaceParam p, Object v) {
        if (v instanceof Double d) {
            if (p == SpaceParam.LOG10_LAMBDA || !Double.isFinite(d)) return String.format(Locale.ROOT, "%.4f", d);
            return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        if (v instanceof InitScheme i) return i.label();
        return String.valueOf(v);
    }
}
