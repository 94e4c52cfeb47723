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
import org.knetsweep.config.FinalStageConfig;
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
        int batch = training.batchSize();
        StepSize ns = stepSize(config, trials);
        if (ns == null) {
            doc.paragraph("Not shown: n_s = 5 · n / " + batch + " depends on the number n of training rows of table "
                    + config.run().data().table().train() + ", and no trial of batch size " + batch + " ran all its "
                    + "steps with knet.training.step-size = 0 to tell it.");
            return;
        }
        int stepSize = ns.value();
        String nsText = ns.text();
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
        String title = "Cyclical learning rate: η ∈ [" + Format.scientific(training.etaMin()) + ", "
                + Format.scientific(training.etaMax()) + "], " + nsText + ", " + maxCycles
                + (maxCycles == 1 ? " cycle" : " cycles");
        XYChart c = Figures.schedule(title, clr, total, longest.map(TrialOutcome::epochCurve).orElse(List.of()),
                longest.map(t -> "rate recorded at epoch ends (" + t.trialId() + ")").orElse(""));
        List<String> lengths = new ArrayList<>();
        for (int n : cycles) lengths.add(n + (n == 1 ? " cycle = " : " cycles = ") + String.format(Locale.ROOT, "%,d",
                clr.steps(n)) + " steps");
        String caption = counter.next() + "Triangular cyclical learning rate of the stored configuration: batch size "
                + batch + ", " + (ns.rows().isEmpty() ? "" : ns.rows() + ", ") + nsText + "; trials ran "
                + String.join(", ", lengths) + ".";
        show(doc, figures, SweepReport.SCHEDULE_FIGURE, caption, Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c), false);
    }


    /**
     * n_s of the schedule.
     *
     * @param value n_s
     * @param text  "n_s = ..." with where it comes from
     * @param rows  the training set's size in words ("" when not known)
     */
    private record StepSize(int value, String text, String rows) {
    }

    /**
     * n_s of the stored configuration: knet.training.step-size, else 5 n / b with n the training images of CIFAR-10
     * (from the configuration) or the training rows of a table (from the trials' steps, {@link TrainingRows}); null
     * when a table's trials do not tell it.
     */
    private static StepSize stepSize(LoadedConfig config, List<TrialOutcome> trials) {
        TrainingConfig training = config.run().training();
        DataConfig data = config.run().data();
        int batch = training.batchSize();
        String fixed = " (knet.training.step-size)";
        if (!data.isTable()) {
            int n = data.trainSize();
            int value = training.stepSizeFor(n);
            return new StepSize(value, "n_s = " + value + (training.stepSize() > 0 ? fixed : " = 5 · " + n + " / "
                    + batch), String.format(Locale.ROOT, "%,d", n) + " training images");
        }
        TrainingRows rows = TrainingRows.of(trials, batch, config.finalStage().refit() == FinalStageConfig.Refit.TRAIN);
        String rowsText = !rows.bounded() ? ""
                : (rows.exact() ? "" : "n = ") + rows.rows() + " training rows (as the trials' steps tell)";
        if (training.stepSize() > 0) return new StepSize(training.stepSize(), "n_s = " + training.stepSize() + fixed,
                rowsText);
        if (rows.stepSize() == 0) return null;
        String n = rows.exact() ? Long.toString(rows.minRows()) : "n";
        return new StepSize(rows.stepSize(), "n_s = " + rows.stepSize() + " = 5 · " + n + " / " + batch, rowsText);
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
