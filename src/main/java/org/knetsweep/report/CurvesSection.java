package org.knetsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.config.TrainingConfig;
import org.knetsweep.report.ReportDocument.Figure;
import org.knetsweep.report.ReportDocument.Gallery;
import org.knetsweep.train.TriangularClr;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knowm.xchart.XYChart;

/** The report's per-epoch curves of every trial and the learning-rate schedule. */
final class CurvesSection {
    private CurvesSection() {
    }

    /** An overview of every trial's losses, then each trial's cost and loss per epoch. */
    static void curves(ReportDocument doc, List<PendingFigure> figures, PendingFigure.Counter counter,
                       List<TrialOutcome> trials) {
        List<TrialOutcome> withCurves = trials.stream().filter(t -> Figures.trialCurves(t).isPresent()).toList();
        doc.heading(2, "Training curves", "curves");
        if (withCurves.isEmpty()) {
            doc.paragraph("No trial has per-epoch metrics.");
            return;
        }
        doc.paragraph("Training and validation cost (cross-entropy plus the L2 term) and loss (cross-entropy) per "
                + "epoch of each trial.");
        if (withCurves.size() > 1) {
            List<Setting> varying = Setting.varying(trials);
            double[] range = lossRange(withCurves);
            List<XYChart> tiles = new ArrayList<>();
            for (TrialOutcome t : withCurves) {
                String label = Setting.label(t, varying);
                boolean shared = t.status() == TrainingStatus.COMPLETE;
                Figures.tile(t, t.trialId() + (label.isEmpty() ? "" : " · " + label),
                        shared ? range[0] : Double.NaN, shared ? range[1] : Double.NaN).ifPresent(tiles::add);
            }
            int cols = Math.min(Figures.OVERVIEW_COLUMNS, tiles.size());
            int rows = (tiles.size() + cols - 1) / cols;
            show(doc, figures, SweepReport.OVERVIEW_FIGURE, counter.next() + "Overview: validation loss (solid) and training loss "
                            + "(dashed) per epoch of every trial, completed trials on a common scale.",
                    cols * Figures.TILE_WIDTH, rows * Figures.TILE_HEIGHT, () -> Figures.png(tiles, cols), false);
        }
        List<Figure> gallery = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        for (TrialOutcome t : withCurves) {
            String file = SweepReport.TRIAL_PREFIX + Format.fileName(t.trialId()) + ".png";
            for (int i = 2; !files.add(file); i++) file = SweepReport.TRIAL_PREFIX + Format.fileName(t.trialId()) + "-" + i + ".png";
            XYChart c = Figures.trialCurves(t).orElseThrow();
            String caption = counter.next() + t.trialId() + (t.stage() == null ? "" : " (" + t.stage().label() + ")")
                    + ": cost and loss per epoch; " + Setting.describe(t) + "; final validation accuracy "
                    + Format.percent(t.valAccuracy()) + ".";
            figures.add(new PendingFigure(file, caption, Figures.TRIAL_WIDTH, Figures.TRIAL_HEIGHT, () -> Figures.png(c)));
            gallery.add(new Figure(file, caption, Figures.TRIAL_WIDTH, Figures.TRIAL_HEIGHT));
        }
        doc.add(new Gallery(gallery, true));
    }

    /** The learning-rate schedule of the stored configuration (or why it is not shown). */
    static void schedule(ReportDocument doc, List<PendingFigure> figures, PendingFigure.Counter counter,
                         List<TrialOutcome> trials, LoadedConfig config, String configProblem) {
        doc.heading(2, "Learning-rate schedule", "schedule");
        if (config == null) {
            doc.paragraph("Not shown: " + configProblem + ".");
            return;
        }
        TrainingConfig training = config.run().training();
        DataConfig data = config.run().data();
        int trainSize = data.trainSize();
        int stepSize = training.stepSizeFor(trainSize);
        TriangularClr clr = new TriangularClr(training.etaMin(), training.etaMax(), stepSize);
        TreeSet<Integer> cycles = new TreeSet<>();
        for (TrialOutcome t : trials) if (t.cycles() > 0) cycles.add(t.cycles());
        if (cycles.isEmpty()) cycles.add(training.cycles());
        int maxCycles = cycles.last();
        long total = clr.steps(maxCycles);
        Optional<TrialOutcome> longest = trials.stream()
                .filter(t -> t.status() == TrainingStatus.COMPLETE && !t.epochCurve().isEmpty())
                .max(Comparator.comparingLong(TrialOutcome::steps).thenComparing(TrialOutcome::trialId,
                        Comparator.reverseOrder()));
        String nsText = training.stepSize() > 0 ? "n_s = " + stepSize + " (knet.training.step-size)"
                : "n_s = " + stepSize + " = 5 · " + trainSize + " / " + training.batchSize();
        String title = "Cyclical learning rate: η ∈ [" + Format.scientific(training.etaMin()) + ", "
                + Format.scientific(training.etaMax()) + "], " + nsText + ", " + maxCycles
                + (maxCycles == 1 ? " cycle" : " cycles");
        XYChart c = Figures.schedule(title, clr, total, longest.map(TrialOutcome::epochCurve).orElse(List.of()),
                longest.map(t -> "rate recorded at epoch ends (" + t.trialId() + ")").orElse(""));
        List<String> lengths = new ArrayList<>();
        for (int n : cycles) lengths.add(n + (n == 1 ? " cycle = " : " cycles = ") + String.format(Locale.ROOT, "%,d",
                clr.steps(n)) + " steps");
        String caption = counter.next() + "Triangular cyclical learning rate of the stored configuration: batch size "
                + training.batchSize() + ", " + String.format(Locale.ROOT, "%,d", trainSize) + " training images, "
                + nsText + "; trials ran " + String.join(", ", lengths) + ".";
        show(doc, figures, SweepReport.SCHEDULE_FIGURE, caption, Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c), false);
    }


    /** Min and max of the finite training and validation losses of the completed trials (NaN when none). */
    private static double[] lossRange(List<TrialOutcome> trials) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (TrialOutcome t : trials) {
            if (t.status() != TrainingStatus.COMPLETE) continue;
            for (var m : t.epochCurve()) {
                for (double v : new double[] {m.trainLoss(), m.valLoss()}) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!(hi > lo)) return new double[] {Double.NaN, Double.NaN};
        double pad = 0.04 * (hi - lo);
        return new double[] {Math.max(0, lo - pad), hi + pad};
    }

    private static void show(ReportDocument doc, List<PendingFigure> figures, String file, String caption, int w, int h,
                             Supplier<byte[]> render, boolean small) {
        PendingFigure.show(doc, figures, new PendingFigure(file, caption, w, h, render), small);
    }
}
