package org.knetsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knetsweep.report.ReportDocument.Gallery;
import org.knetsweep.report.ReportDocument.Table;
import org.knetsweep.trial.TrialOutcome;
import org.knowm.xchart.XYChart;

/** The report's section on a grid: the trials ranked, their curves side by side, batch norm on against off. */
final class GridSection {
    private GridSection() {
    }

    /** The grid's trials ranked, their curves compared, and with against without batch norm per other setting. */
    static void add(ReportDocument doc, List<PendingFigure> figures, PendingFigure.Counter counter,
                    List<TrialOutcome> grid) {
        doc.heading(2, "Grid", "grid");
        List<Setting> varying = Setting.varying(grid);
        doc.paragraph(grid.size() + " trials; settings that vary: " + (varying.isEmpty() ? "none"
                : String.join(", ", varying.stream().map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .toList())) + ".");
        List<TrialOutcome> ranked = new ArrayList<>(grid);
        ranked.sort(Comparator.comparingDouble((TrialOutcome t) -> Double.isFinite(t.valAccuracy())
                ? -t.valAccuracy() : Double.POSITIVE_INFINITY));
        List<List<String>> rows = new ArrayList<>();
        for (TrialOutcome t : ranked) {
            String label = Setting.label(t, varying);
            rows.add(List.of(label.isEmpty() ? Format.NONE : label, t.trialId(), Format.status(t),
                    Format.percent(t.valAccuracy()), Format.percent(t.bestValAccuracy()),
                    Format.percent(t.testAccuracy()), Format.duration(t.wallMs())));
        }
        doc.add(new Table(List.of("settings", "trial", "status", "val accuracy", "best val accuracy",
                "test accuracy", "wall time"), List.of(false, false, false, true, true, true, true), rows));

        List<PendingFigure> pending = new ArrayList<>();
        Optional<XYChart> loss = Figures.compare("Validation loss per epoch", grid,
                t -> Setting.label(t, varying), Figures.Metric.VAL_LOSS, null);
        loss.ifPresent(c -> pending.add(new PendingFigure(SweepReport.GRID_PREFIX + "val-loss.png", counter.next()
                + "Validation loss per epoch of every grid trial, labelled by the settings that vary.",
                Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c))));
        Optional<XYChart> acc = Figures.compare("Validation accuracy per epoch", grid,
                t -> Setting.label(t, varying), Figures.Metric.VAL_ACCURACY, null);
        acc.ifPresent(c -> pending.add(new PendingFigure(SweepReport.GRID_PREFIX + "val-accuracy.png", counter.next()
                + "Validation accuracy per epoch of every grid trial.", Figures.WIDTH, Figures.HEIGHT,
                () -> Figures.png(c))));

        if (varying.contains(Setting.BATCH_NORM) && varying.size() > 1) {
            List<Setting> others = varying.stream().filter(s -> s != Setting.BATCH_NORM).toList();
            Map<String, List<TrialOutcome>> groups = new LinkedHashMap<>();
            for (TrialOutcome t : grid) groups.computeIfAbsent(Setting.label(t, others), k -> new ArrayList<>()).add(t);
            int n = 0;
            Set<String> files = new LinkedHashSet<>();
            for (Map.Entry<String, List<TrialOutcome>> group : groups.entrySet()) {
                List<TrialOutcome> members = group.getValue();
                boolean both = members.stream().anyMatch(TrialOutcome::batchNorm)
                        && members.stream().anyMatch(t -> !t.batchNorm());
                if (!both) continue;
                List<Setting> within = Setting.varying(members);
                String title = group.getKey() + ": with and without batch normalization";
                Optional<XYChart> chart = Figures.compare(title, members, t -> Setting.label(t, within),
                        Figures.Metric.VAL_LOSS, Figures.Metric.TRAIN_LOSS);
                if (chart.isEmpty()) continue;
                n++;
                String file = SweepReport.GRID_PREFIX + "bn-" + Format.fileName(group.getKey().replace("σ=", "sigma-")
                        .replace(", ", "_").replace(' ', '-')) + ".png";
                if (!files.add(file)) file = SweepReport.GRID_PREFIX + "bn-" + n + ".png";
                XYChart c = chart.get();
                pending.add(new PendingFigure(file, counter.next() + group.getKey()
                        + ": loss per epoch with and without batch normalization (solid: validation, dashed: training).",
                        Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c)));
            }
        }
        if (!pending.isEmpty()) {
            figures.addAll(pending);
            doc.add(new Gallery(pending.stream().map(PendingFigure::figure).toList(), true));
        }
    }
}
