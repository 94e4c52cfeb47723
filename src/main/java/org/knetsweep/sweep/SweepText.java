package org.knetsweep.sweep;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceDimension;
import org.knetsweep.config.SpaceParam;

/** How a sweep names itself and its spans on the console: generated sweep ids, durations, a stage's ranges. */
public final class SweepText {
    private SweepText() {
    }

    /** A generated sweep id: the sweep name and the UTC start time. */
    public static String newSweepId(String name, Instant now) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
        return name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + stamp;
    }

    /** Human-readable duration. */
    public static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }

    /** The ranges of a (fine) space, e.g. "log10(lambda) range [-2.1000, -1.9000]". */
    static String describe(SearchSpace s) {
        List<SpaceDimension> dims = s.dimensions();
        if (dims.size() == 1 && !dims.get(0).isChoice() && dims.get(0).param() == SpaceParam.LOG10_LAMBDA)
            return String.format(Locale.ROOT, "log10(lambda) range [%.4f, %.4f]", dims.get(0).min(), dims.get(0).max());
        List<String> parts = new ArrayList<>();
        for (SpaceDimension d : dims) parts.add(d.isChoice() ? d.param().key() + " " + d.values()
                : String.format(Locale.ROOT, "%s [%.4f, %.4f]", d.param().key(), d.min(), d.max()));
        return String.join(", ", parts);
    }
}
