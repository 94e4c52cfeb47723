package org.knetsweep.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knetsweep.trial.TrialOutcome;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a search: validation accuracy against a searched parameter (coarse, fine and final trials as different
 * markers, the chosen value as a dashed line), and two parameters against each other with each trial coloured by its
 * validation accuracy.
 */
final class SearchFigures {
    /** Viridis in five steps, dark = low accuracy, yellow = high: readable in print and by colour-blind readers. */
    static final Color[] ACCURACY_SCALE = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
            new Color(0x5ec962), new Color(0xfde725)};

    private SearchFigures() {
    }

    /** An axis of a chart: title, tick pattern and the value of a trial on it. */
    record Axis(String title, String pattern, ToDoubleFunction<TrialOutcome> value) {
    }

    /**
     * Validation accuracy against log10(lambda) of a lambda search: coarse and fine trials (and the final retrain)
     * as different markers, the chosen value as a vertical line; empty when no trial has a validation accuracy.
     *
     * @param chosenLog10  the sweep's best_log10_lambda (NaN: no line)
     * @param testAccuracy the final test accuracy, shown in the title (NaN: not shown)
     */
    static Optional<XYChart> lambdaSearch(List<TrialOutcome> coarse, List<TrialOutcome> fine,
                                          List<TrialOutcome> finals, double chosenLog10, double testAccuracy) {
        String title = "Lambda search: validation accuracy against log10(λ)"
                + (Double.isFinite(testAccuracy) ? " — test accuracy " + Format.percent(testAccuracy) : "");
        return accuracyAgainst(title, new Axis("log10(λ)", "0.0##", TrialOutcome::log10Lambda), coarse, fine,
                finals, chosenLog10, "chosen log10(λ) = " + Format.log10(chosenLog10));
    }

    /**
     * Validation accuracy against one parameter: coarse and fine trials (and the final retrain) as different
     * markers, {@code chosen} as a vertical dashed line (NaN: none); empty when no trial has both values.
     */
    static Optional<XYChart> accuracyAgainst(String title, Axis x, List<TrialOutcome> coarse, List<TrialOutcome> fine,
                                             List<TrialOutcome> finals, double chosen, String chosenLabel) {
        XYChart c = Figures.chart(Figures.WIDTH, Figures.HEIGHT, title, x.title(), "validation accuracy (%)");
        c.getStyler().setXAxisDecimalPattern(x.pattern());
        c.getStyler().setYAxisDecimalPattern("0.0#");
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        boolean any = points(c, "coarse", coarse, x.value(), SeriesMarkers.CIRCLE, Figures.PALETTE[0], range);
        any |= points(c, "fine", fine, x.value(), SeriesMarkers.DIAMOND, Figures.PALETTE[1], range);
        int finalCycles = finals.stream().mapToInt(TrialOutcome::cycles).max().orElse(0);
        any |= points(c, "final retrain, " + finalCycles + (finalCycles == 1 ? " cycle" : " cycles"), finals,
                x.value(), SeriesMarkers.SQUARE, Figures.PALETTE[2], range);
        if (!any) return Optional.empty();
        if (Double.isFinite(chosen)) {
            double pad = Math.max(0.2, 0.08 * (range[1] - range[0]));
            XYSeries line = c.addSeries(chosenLabel, new double[] {chosen, chosen},
                    new double[] {range[0] - pad, range[1] + pad});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Figures.PALETTE[3]);
            line.setLineStyle(Figures.DASHED);
        }
        return Optional.of(c);
    }

    /**
     * Two parameters against each other, one marker per trial coloured by its validation accuracy in five equal
     * bands between the lowest and the highest (trials without one in grey), the winner crossed in red; empty when
     * no trial has both values.
     */
    static Optional<XYChart> pairwise(String title, Axis x, Axis y, List<TrialOutcome> trials, TrialOutcome winner) {
        XYChart c = Figures.chart(Figures.WIDTH, Figures.HEIGHT, title, x.title(), y.title());
        c.getStyler().setXAxisDecimalPattern(x.pattern());
        c.getStyler().setYAxisDecimalPattern(y.pattern());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<TrialOutcome> shown = new ArrayList<>();
        for (TrialOutcome t : trials) {
            if (!Double.isFinite(x.value().applyAsDouble(t)) || !Double.isFinite(y.value().applyAsDouble(t))) continue;
            shown.add(t);
            if (Double.isFinite(t.valAccuracy())) {
                lo = Math.min(lo, t.valAccuracy());
                hi = Math.max(hi, t.valAccuracy());
            }
        }
        if (shown.isEmpty()) return Optional.empty();
        int bands = hi > lo ? ACCURACY_SCALE.length : 1;
        List<List<TrialOutcome>> byBand = new ArrayList<>();
        for (int b = 0; b < bands; b++) byBand.add(new ArrayList<>());
        List<TrialOutcome> none = new ArrayList<>();
        for (TrialOutcome t : shown) {
            if (!Double.isFinite(t.valAccuracy())) none.add(t);
            else byBand.get(band(t.valAccuracy(), lo, hi, bands)).add(t);
        }
        for (int b = 0; b < bands; b++) {
            if (byBand.get(b).isEmpty()) continue;
            double from = lo + (hi - lo) * b / bands;
            double to = lo + (hi - lo) * (b + 1) / bands;
            String name = bands == 1 ? percent(lo) + "%" : percent(from) + "–" + percent(to) + "%";
            Color color = bands == 1 ? ACCURACY_SCALE[ACCURACY_SCALE.length - 1] : ACCURACY_SCALE[b];
            scatter(c, name, byBand.get(b), x, y, SeriesMarkers.CIRCLE, color);
        }
        if (!none.isEmpty()) scatter(c, "no validation accuracy", none, x, y, SeriesMarkers.CROSS, Color.GRAY);
        if (winner != null && shown.contains(winner)) {
            scatter(c, "winner", List.of(winner), x, y, SeriesMarkers.CROSS, Figures.PALETTE[3]);
        }
        return Optional.of(c);
    }

    /** The band (0 .. bands - 1) of {@code v} in [lo, hi] cut into equal parts; hi belongs to the top band. */
    static int band(double v, double lo, double hi, int bands) {
        if (!(hi > lo)) return 0;
        return Math.min(bands - 1, (int) Math.floor((v - lo) / (hi - lo) * bands));
    }

    /** A validation accuracy in percent with one decimal, for the legend of the colour bands. */
    private static String percent(double accuracy) {
        return String.format(java.util.Locale.ROOT, "%.1f", 100 * accuracy);
    }

    private static void scatter(XYChart c, String name, List<TrialOutcome> trials, Axis x, Axis y, Marker marker,
                                Color color) {
        double[] xs = trials.stream().mapToDouble(x.value()).toArray();
        double[] ys = trials.stream().mapToDouble(y.value()).toArray();
        XYSeries s = c.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    /** Adds (x, validation accuracy %) of the trials with both finite as markers; false when none. */
    private static boolean points(XYChart c, String name, List<TrialOutcome> trials, ToDoubleFunction<TrialOutcome> x,
                                  Marker marker, Color color, double[] range) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (TrialOutcome t : trials) {
            double v = x.applyAsDouble(t);
            if (Double.isFinite(v) && Double.isFinite(t.valAccuracy())) {
                xs.add(v);
                double acc = 100 * t.valAccuracy();
                ys.add(acc);
                range[0] = Math.min(range[0], acc);
                range[1] = Math.max(range[1], acc);
            }
        }
        if (xs.isEmpty()) return false;
        XYSeries s = c.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
        return true;
    }
}
