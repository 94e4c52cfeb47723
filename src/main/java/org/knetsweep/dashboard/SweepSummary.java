package org.knetsweep.dashboard;

import static org.knetsweep.results.ResultSchema.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of the start page: a sweep's name, status, trials done of planned, best validation accuracy, test
 * accuracy with its 95% interval (over the final stage's replicas, when it has several), start time and wall time.
 * Unknown numbers are NaN, unknown times null.
 *
 * @param planned   trials the stored configuration plans ({@link PlannedTrials}); -1 when unknown
 * @param wallMs    finish minus start; for a running sweep, now (or its latest trial's finish) minus start
 */
record SweepSummary(String id, String name, String status, int done, int planned, double bestValAccuracy,
                    double testAccuracy, double testLow, double testHigh, Long startedAt, Long wallMs) {
    static final String NO_ROW = "NO SWEEP ROW";

    static SweepSummary of(String id, Optional<Row> sweep, List<Row> trials, long now) {
        Row s = sweep.orElse(new Row(Map.of()));
        String name = s.string(NAME) == null ? id : s.string(NAME);
        String status = sweep.isPresent() && s.string(STATUS) != null ? s.string(STATUS) : NO_ROW;
        OptionalInt planned = PlannedTrials.of(s.string(CONFIG),
                s.get(FINAL_REPLICAS) instanceof Number n ? n.longValue() : null);
        double best = s.number(BEST_VAL_ACCURACY);
        if (Double.isNaN(best)) best = bestSearchAccuracy(trials);
        double test = s.number(TEST_ACCURACY_MEAN);
        double low = s.number(TEST_CI95_LOW);
        double high = s.number(TEST_CI95_HIGH);
        if (Double.isNaN(test)) {
            test = s.number(TEST_ACCURACY);
            low = Double.NaN;
            high = Double.NaN;
        }
        Long started = s.get(STARTED_AT) instanceof Long l ? l : null;
        return new SweepSummary(id, name, status, trials.size(), planned.orElse(-1), best, test, low, high, started,
                wall(s, started, trials, status, now));
    }

    /** The best validation accuracy of the search stages' finished trials (the final stage's is no choice). */
    static double bestSearchAccuracy(List<Row> trials) {
        double best = Double.NaN;
        for (Row t : trials) {
            if ("final".equals(t.string(STAGE))) continue;
            double v = t.number(VAL_ACCURACY);
            if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) best = v;
        }
        return best;
    }

    private static Long wall(Row s, Long started, List<Row> trials, String status, long now) {
        if (started == null) return null;
        if (s.get(FINISHED_AT) instanceof Long finished) return finished - started;
        if ("RUNNING".equals(status)) return Math.max(0, now - started);
        long last = started;
        for (Row t : trials) last = Math.max(last, t.integer(FINISHED_AT, last));
        return last - started;
    }

    /** The summary as a JSON object's fields. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("status", status);
        m.put("done", done);
        m.put("planned", planned < 0 ? null : planned);
        m.put("best_val_accuracy", bestValAccuracy);
        m.put("test_accuracy", testAccuracy);
        m.put("test_ci95_low", testLow);
        m.put("test_ci95_high", testHigh);
        m.put("started_at", startedAt);
        m.put("wall_ms", wallMs);
        return m;
    }
}
