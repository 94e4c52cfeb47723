package org.knetsweep.dashboard;

import static org.knetsweep.results.ResultSchema.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The JSON the pages poll: the list of sweeps, and one sweep's summary, trials, rungs, candidates, models and
 * varied parameters; epoch curves of picked trials on request. A sweep's JSON is kept with a signature of every file
 * it came from and rebuilt only when one changes, so a poll of an unchanged 5,000-trial sweep costs the directory
 * listings.
 */
final class SweepData {
    /** The trial columns that are search parameters, in the order the page shows them. */
    static final List<String> PARAMETERS = List.of(LOG10_LAMBDA, ETA_MIN, ETA_MAX, STEP_SIZE, BATCH_SIZE, CYCLES,
            HIDDEN, BATCH_NORM, INIT, INIT_SIGMA);
    /** Most curves one epochs request returns. */
    static final int MAX_CURVES = 20;
    private static final List<String> CURVE_COLUMNS = List.of(EPOCH, STEP, LEARNING_RATE, TRAIN_ACCURACY,
            VAL_ACCURACY, TRAIN_COST, VAL_COST, TRAIN_LOSS, VAL_LOSS);

    private record Built(long signature, String json) {
    }

    private final ResultsReader reader;
    private final ReportFiles reports;
    private final LongSupplier clock;
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    SweepData(ResultsReader reader, ReportFiles reports, LongSupplier clock) {
        this.reader = reader;
        this.reports = reports;
        this.clock = clock;
    }

    ResultsReader reader() {
        return reader;
    }

    /** The summaries of every sweep, latest start first. */
    List<SweepSummary> summaries() {
        List<SweepSummary> out = new ArrayList<>();
        for (String id : reader.sweepIds()) out.add(summary(id));
        out.sort(Comparator.comparing((SweepSummary s) -> s.startedAt() == null ? Long.MIN_VALUE : s.startedAt())
                .reversed().thenComparing(SweepSummary::id));
        return out;
    }

    SweepSummary summary(String id) {
        return SweepSummary.of(id, reader.sweep(id), reader.trials(id).rows(), clock.getAsLong());
    }

    /** {@code /api/sweeps}. */
    byte[] sweepsJson() {
        List<Object> list = new ArrayList<>();
        for (SweepSummary s : summaries()) list.add(s.json());
        return Json.write(Map.of("sweeps", list)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code /api/sweep/ID}: the summary and sweep row, read at each call, then the trials, varied parameters,
     * rungs, candidates and links, rebuilt only when a file of theirs changed.
     */
    byte[] sweepJson(String id) {
        Optional<Row> sweep = reader.sweep(id);
        ResultsReader.TableRows trials = reader.trials(id);
        SweepSummary summary = SweepSummary.of(id, sweep, trials.rows(), clock.getAsLong());
        Map<String, Object> m = new LinkedHashMap<>(summary.json());
        Row s = sweep.orElse(new Row(Map.of()));
        m.put("notes", s.string(NOTES));
        m.put("space", s.string(SPACE));
        m.put("spark_master", s.string(SPARK_MASTER));
        m.put("final_replicas", s.get(FINAL_REPLICAS));
        String light = Json.write(m);
        String heavy = tables(id, trials);
        return (light.substring(0, light.length() - 1) + "," + heavy.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private String tables(String id, ResultsReader.TableRows trials) {
        ResultsReader.TableRows rungs = reader.rungs(id);
        ResultsReader.TableRows candidates = reader.candidates(id);
        ResultsReader.TableRows models = reader.models(id);
        boolean report = reports.exists(id);
        long signature = ((trials.signature() * 31 + rungs.signature()) * 31 + candidates.signature()) * 31
                + models.signature() + (report ? 1 : 0);
        Built b = built.get(id);
        if (b != null && b.signature() == signature) return b.json();
        Map<String, Object> m = new LinkedHashMap<>();
        List<Row> ordered = new ArrayList<>(trials.rows());
        ordered.sort(Comparator.comparingLong((Row r) -> r.integer(FINISHED_AT, Long.MAX_VALUE))
                .thenComparing(r -> String.valueOf(r.string(TRIAL_ID))));
        m.put("trials", columnar(ordered));
        m.put("varied", varied(ordered));
        m.put("rungs", columnar(rungs.rows()));
        m.put("candidates", columnar(candidates.rows()));
        m.put("models", modelLinks(id, models.rows()));
        m.put("report", report ? "/sweep/" + Html.segment(id) + "/report/" : null);
        String json = Json.write(m);
        built.put(id, new Built(signature, json));
        return json;
    }

    /** {@code /api/sweep/ID/epochs?trial=...}: the curves of the named trials that the sweep has (at most 20). */
    byte[] curvesJson(String id, List<String> trialIds) {
        Set<String> wanted = new LinkedHashSet<>(trialIds.subList(0, Math.min(trialIds.size(), MAX_CURVES)));
        Map<String, Map<String, List<Object>>> curves = new LinkedHashMap<>();
        for (String t : wanted) curves.put(t, null);
        List<Row> rows = new ArrayList<>(reader.epochs(id, wanted).rows());
        rows.sort(Comparator.comparingLong((Row r) -> r.integer(EPOCH, 0)).thenComparingLong(r -> r.integer(STEP, 0)));
        for (Row r : rows) {
            String t = r.string(TRIAL_ID);
            if (!wanted.contains(t)) continue;
            Map<String, List<Object>> curve = curves.get(t);
            if (curve == null) {
                curve = new LinkedHashMap<>();
                for (String c : CURVE_COLUMNS) curve.put(c, new ArrayList<>());
                curves.put(t, curve);
            }
            for (String c : CURVE_COLUMNS) curve.get(c).add(r.get(c));
        }
        curves.values().removeIf(c -> c == null);
        return Json.write(Map.of("curves", curves)).getBytes(StandardCharsets.UTF_8);
    }

    /** The trial ids of a sweep's models rows that name a path. */
    Map<String, String> modelPaths(String id) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (Row r : reader.models(id).rows())
            if (r.string(TRIAL_ID) != null && r.string(PATH) != null) paths.put(r.string(TRIAL_ID), r.string(PATH));
        return paths;
    }

    /** Rows as {"columns": [...], "rows": [[...], ...]}: the union of the rows' columns, lists as text. */
    static Map<String, Object> columnar(List<Row> rows) {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        for (Row r : rows) columns.addAll(r.values().keySet());
        List<Object> values = new ArrayList<>(rows.size());
        for (Row r : rows) {
            List<Object> line = new ArrayList<>(columns.size());
            for (String c : columns) line.add(cell(r.get(c)));
            values.add(line);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", List.copyOf(columns));
        m.put("rows", values);
        return m;
    }

    /** The parameters with more than one value among the search stages' trials (the final stage repeats one). */
    static List<String> varied(List<Row> trials) {
        List<String> out = new ArrayList<>();
        for (String p : PARAMETERS) {
            Set<Object> values = new HashSet<>();
            for (Row t : trials) {
                if ("final".equals(t.string(STAGE)) || t.get(p) == null) continue;
                values.add(cell(t.get(p)));
            }
            if (values.size() > 1) out.add(p);
        }
        return out;
    }

    private List<Object> modelLinks(String id, List<Row> models) {
        List<Object> out = new ArrayList<>();
        for (Row r : models) {
            if (r.string(TRIAL_ID) == null || r.string(PATH) == null) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trial_id", r.string(TRIAL_ID));
            m.put("path", r.string(PATH));
            m.put("bytes", r.get(BYTES));
            m.put("test_accuracy", r.get(TEST_ACCURACY));
            m.put("href", "/sweep/" + Html.segment(id) + "/model/" + Html.segment(r.string(TRIAL_ID)));
            out.add(m);
        }
        return out;
    }

    private static Object cell(Object v) {
        return v instanceof List<?> list ? list.toString() : v;
    }
}
