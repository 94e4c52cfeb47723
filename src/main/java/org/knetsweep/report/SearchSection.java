package org.knetsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.knetsweep.report.ReportDocument.Table;
import org.knetsweep.report.SearchFigures.Axis;
import org.knetsweep.report.SearchSpace.Parameter;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.TrialOutcome;
import org.knowm.xchart.XYChart;

/**
 * The report's section on a search (coarse, extend, fine and final stages). With one numeric parameter varying it is
 * the report's lambda search: validation accuracy against log10(λ) and the top trials of each stage. With two or more
 * ({@link SearchSpace#isMultiParameter}), a figure per parameter (validation accuracy against it, coarse, fine and
 * final marked, the winner's value dashed), a scatter per pair of parameters coloured by validation accuracy, and
 * the top trials with every varying parameter.
 */
final class SearchSection {
    static final String LAMBDA_FIGURE = "lambda-search.png";
    static final String SEARCH_PREFIX = "search-";

    private SearchSection() {
    }

    static void add(ReportDocument doc, List<PendingFigure> figures, PendingFigure.Counter counter, SearchSpace space,
                    SweepRecord sweep, List<TrialOutcome> coarse, List<TrialOutcome> fine, List<TrialOutcome> finals) {
        double test = sweep == null ? Double.NaN : sweep.testAccuracy();
        if (space.isMultiParameter()) {
            perParameter(doc, figures, counter, space, winner(sweep, coarse, fine), coarse, fine, finals, test);
        } else {
            lambda(doc, figures, counter, sweep == null ? Double.NaN : sweep.bestLog10Lambda(), test, coarse, fine,
                    finals);
        }
        List<Parameter> shown = space.isMultiParameter() ? space.varying() : List.of();
        for (List<TrialOutcome> stage : List.of(coarse, fine)) topTrials(doc, space, shown, stage);
        for (TrialOutcome f : finals) {
            String values = shown.isEmpty() ? "log10(λ) = " + Format.log10(f.log10Lambda()) : space.describe(f);
            doc.paragraph("Final: " + f.trialId() + " retrained " + values + " for " + f.cycles() + " cycles ("
                    + Format.status(f) + "): validation accuracy " + Format.percent(f.valAccuracy())
                    + ", test accuracy " + Format.percent(f.testAccuracy()) + ".");
        }
    }

    /**
     * The search's winner: the sweep's best trial, else the search trial of highest validation accuracy; null when
     * none has one.
     */
    static TrialOutcome winner(SweepRecord sweep, List<TrialOutcome> coarse, List<TrialOutcome> fine) {
        List<TrialOutcome> search = Stream.of(coarse, fine).flatMap(List::stream).toList();
        if (sweep != null && sweep.bestTrialId() != null) {
            for (TrialOutcome t : search) if (t.trialId().equals(sweep.bestTrialId())) return t;
        }
        return search.stream().filter(t -> Double.isFinite(t.valAccuracy()))
                .max(Comparator.comparingDouble(TrialOutcome::valAccuracy)).orElse(null);
    }

    private static void lambda(ReportDocument doc, List<PendingFigure> figures, PendingFigure.Counter counter,
                               double chosen, double test, List<TrialOutcome> coarse, List<TrialOutcome> fine,
                               List<TrialOutcome> finals) {
        doc.heading(2, "Lambda search", "lambda-search");
        Optional<XYChart> chart = SearchFigures.lambdaSearch(coarse, fine, finals, chosen, test);
        if (chart.isEmpty()) {
            doc.paragraph("No search trial has a validation accuracy: nothing to plot.");
            return;
        }
        XYChart c = chart.get();
        String caption = counter.next() + "Validation accuracy against log10(λ): " + trialCounts(coarse, fine,
                TrialOutcome::log10Lambda) + (finals.isEmpty() ? "" : ", and the final retrain")
                + (Double.isFinite(chosen) ? "; the dashed line marks the chosen log10(λ) = " + Format.log10(chosen)
                : "") + (Double.isFinite(test) ? "; test accuracy " + Format.percent(test) : "") + ".";
        PendingFigure.show(doc, figures, new PendingFigure(LAMBDA_FIGURE, caption, Figures.WIDTH, Figures.HEIGHT,
                () -> Figures.png(c)), false);
    }

    private static void perParameter(ReportDocument doc, List<PendingFigure> figures, PendingFigure.Counter counter,
                                     SearchSpace space, TrialOutcome winner, List<TrialOutcome> coarse,
                                     List<TrialOutcome> fine, List<TrialOutcome> finals, double test) {
        doc.heading(2, "Search", "search");
        List<Parameter> varying = space.varying();
        doc.paragraph(varying.size() + " parameters vary across the search trials: " + String.join(", ",
                varying.stream().map(p -> p.label).toList()) + "." + (winner == null ? ""
                : " The winner, " + winner.trialId() + ": " + space.describe(winner) + "."));
        List<TrialOutcome> search = Stream.of(coarse, fine, finals).flatMap(List::stream).toList();
        List<Axis> axes = new ArrayList<>();
        List<Boolean> logs = new ArrayList<>();
        for (Parameter p : varying) {
            // a parameter spanning decades is shown by its log10, whose axis has readable ticks
            boolean log = space.logScale(p, search);
            logs.add(log);
            axes.add(log ? new Axis("log10(" + p.label + ")", "0.0##", t -> Math.log10(space.value(p, t)))
                    : new Axis(p.label, SearchSpace.pattern(p), t -> space.value(p, t)));
        }
        String testText = Double.isFinite(test) ? "; test accuracy " + Format.percent(test) : "";
        for (int i = 0; i < varying.size(); i++) {
            Parameter p = varying.get(i);
            double chosen = winner == null ? Double.NaN : space.value(p, winner);
            double line = logs.get(i) ? Math.log10(chosen) : chosen;
            Optional<XYChart> chart = SearchFigures.accuracyAgainst("Validation accuracy against " + p.label
                            + (Double.isFinite(test) ? " — test accuracy " + Format.percent(test) : ""), axes.get(i),
                    coarse, fine, finals, line, "winner's " + p.label + " = " + SearchSpace.format(p, chosen));
            if (chart.isEmpty()) continue;
            XYChart c = chart.get();
            String caption = counter.next() + "Validation accuracy against " + p.label + ": "
                    + trialCounts(coarse, fine, axes.get(i).value()) + (finals.isEmpty() ? "" : ", and the final retrain")
                    + (Double.isFinite(chosen) ? "; the dashed line marks the winner's " + p.label + " = "
                    + SearchSpace.format(p, chosen) : "") + testText + ".";
            PendingFigure.show(doc, figures, new PendingFigure(SEARCH_PREFIX + p.column + ".png", caption,
                    Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c)), false);
        }
        List<TrialOutcome> explored = Stream.of(coarse, fine).flatMap(List::stream).toList();
        for (int i = 0; i < varying.size(); i++) {
            for (int j = i + 1; j < varying.size(); j++) {
                Parameter a = varying.get(i);
                Parameter b = varying.get(j);
                Optional<XYChart> chart = SearchFigures.pairwise(b.label + " against " + a.label
                        + ", coloured by validation accuracy", axes.get(i), axes.get(j), explored, winner);
                if (chart.isEmpty()) continue;
                XYChart c = chart.get();
                String caption = counter.next() + b.label + " against " + a.label + " of the coarse and fine trials, "
                        + "coloured by validation accuracy in five equal bands from the lowest (dark) to the highest "
                        + "(yellow)" + (winner == null ? "" : "; the red cross marks the winner " + winner.trialId())
                        + ".";
                PendingFigure.show(doc, figures, new PendingFigure(SEARCH_PREFIX + a.column + "-" + b.column + ".png",
                        caption, Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c)), false);
            }
        }
    }

    /** "5 coarse and 3 fine trials", with how many lack a validation accuracy or the parameter. */
    private static String trialCounts(List<TrialOutcome> coarse, List<TrialOutcome> fine,
                                      java.util.function.ToDoubleFunction<TrialOutcome> x) {
        long shown = Stream.of(coarse, fine).flatMap(List::stream)
                .filter(t -> Double.isFinite(t.valAccuracy()) && Double.isFinite(x.applyAsDouble(t))).count();
        int all = coarse.size() + fine.size();
        return coarse.size() + " coarse and " + fine.size() + " fine trials"
                + (shown < all ? " (" + (all - shown) + " without a validation accuracy not shown)" : "");
    }

    /** The stage's top three trials by validation accuracy, with log10(λ) and λ, or with every varying parameter. */
    private static void topTrials(ReportDocument doc, SearchSpace space, List<Parameter> shown,
                                  List<TrialOutcome> stage) {
        if (stage.isEmpty()) return;
        String label = stage.get(0).stage().label();
        List<TrialOutcome> top = stage.stream().filter(t -> Double.isFinite(t.valAccuracy()))
                .sorted(Comparator.comparingDouble(TrialOutcome::valAccuracy).reversed()).limit(3).toList();
        doc.heading(3, "Top " + top.size() + " " + label + " trials by validation accuracy", "top-" + label);
        if (top.isEmpty()) {
            doc.paragraph("No " + label + " trial completed.");
            return;
        }
        List<String> header = new ArrayList<>(List.of("rank", "trial"));
        List<Boolean> numeric = new ArrayList<>(List.of(true, false));
        if (shown.isEmpty()) {
            header.addAll(List.of("log10 λ", "λ"));
            numeric.addAll(List.of(true, true));
        }
        for (Parameter p : shown) {
            header.add(p.label);
            numeric.add(true);
        }
        header.addAll(List.of("val accuracy", "best val accuracy"));
        numeric.addAll(List.of(true, true));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            TrialOutcome t = top.get(i);
            List<String> row = new ArrayList<>(List.of(String.valueOf(i + 1), t.trialId()));
            if (shown.isEmpty()) row.addAll(List.of(Format.log10(t.log10Lambda()), Format.scientific(t.lambda())));
            for (Parameter p : shown) row.add(SearchSpace.format(p, space.value(p, t)));
            row.addAll(List.of(Format.percent(t.valAccuracy()), Format.percent(t.bestValAccuracy())));
            rows.add(row);
        }
        doc.add(new Table(header, numeric, rows));
    }
}
