package org.knetsweep.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.knetsweep.trial.TrialOutcome;

/**
 * The training settings a sweep may vary across its trials (the columns hidden, batch_norm, init, init_sigma,
 * log10_lambda, cycles), with how each is shown in labels. Sigma only applies to normal initialization: for He it
 * has no value.
 */
enum Setting {
    HIDDEN {
        @Override
        String key(TrialOutcome t) {
            return Format.hidden(t.hidden());
        }

        @Override
        String label(TrialOutcome t) {
            return "hidden " + key(t);
        }
    },
    BATCH_NORM {
        @Override
        String key(TrialOutcome t) {
            return t.batchNorm() ? "bn" : "no bn";
        }
    },
    INIT {
        @Override
        String key(TrialOutcome t) {
            return t.init() == null ? null : t.init().toLowerCase(Locale.ROOT);
        }

        @Override
        String label(TrialOutcome t) {
            return key(t) == null ? null : key(t) + " init";
        }
    },
    SIGMA {
        @Override
        String key(TrialOutcome t) {
            return isNormal(t) && Double.isFinite(t.initSigma()) ? Format.scientific(t.initSigma()) : null;
        }

        @Override
        String label(TrialOutcome t) {
            return key(t) == null ? null : "σ=" + key(t);
        }
    },
    LAMBDA {
        @Override
        String key(TrialOutcome t) {
            return Double.isFinite(t.log10Lambda()) ? Format.log10(t.log10Lambda()) : null;
        }

        @Override
        String label(TrialOutcome t) {
            return key(t) == null ? null : "log10 λ=" + key(t);
        }
    },
    CYCLES {
        @Override
        String key(TrialOutcome t) {
            return String.valueOf(t.cycles());
        }

        @Override
        String label(TrialOutcome t) {
            return t.cycles() + (t.cycles() == 1 ? " cycle" : " cycles");
        }
    };

    /** The trial's value of this setting as a comparable text, or null when it does not apply. */
    abstract String key(TrialOutcome t);

    /** The value as shown in a label, e.g. "σ=1e-4", or null when it does not apply. */
    String label(TrialOutcome t) {
        return key(t);
    }

    static boolean isNormal(TrialOutcome t) {
        return "normal".equalsIgnoreCase(t.init());
    }

    /** The settings with more than one value among the trials (a missing value counts as one), in enum order. */
    static List<Setting> varying(Collection<TrialOutcome> trials) {
        List<Setting> out = new ArrayList<>();
        for (Setting s : values()) {
            Set<String> keys = new HashSet<>();
            for (TrialOutcome t : trials) keys.add(s.key(t));
            if (keys.size() > 1) out.add(s);
        }
        return out;
    }

    /** The labels of the given settings for one trial, comma-separated, e.g. "bn, σ=1e-4"; "" when none applies. */
    static String label(TrialOutcome t, List<Setting> settings) {
        return settings.stream().map(s -> s.label(t)).filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    /** Every setting of a trial, for a figure title: "hidden [50, 50], bn, he init, log10 λ=-2.3, 2 cycles". */
    static String describe(TrialOutcome t) {
        return label(t, List.of(values()));
    }
}
