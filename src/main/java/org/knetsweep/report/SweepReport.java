package org.knetsweep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.knetsweep.KnetException;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.config.TrainingConfig;
import org.knetsweep.report.ReportDocument.Facts;
import org.knetsweep.report.ReportDocument.Figure;
import org.knetsweep.report.ReportDocument.Gallery;
import org.knetsweep.report.ReportDocument.Stats;
import org.knetsweep.report.ReportDocument.Table;
import org.knetsweep.results.ResultStore;
import org.knetsweep.train.TriangularClr;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knowm.xchart.XYChart;

/**
 * The report of one stored sweep: PNG figures, {@code report.md} and {@code report.html} (the same content, the
 * page self-contained apart from the PNGs it shows by relative name) in the folder {@code OUT/<sweep_id>/}.
 *
 * <p>Content: a header (name, status, times, best lambda and accuracies, versions); for a lambda search the
 * validation accuracy against log10(lambda) and the top three trials of each stage; for a grid, the trials' curves
 * side by side labelled by the settings that vary, and with/without batch norm per value of the other varying
 * settings; the learning-rate schedule of the stored configuration; a table of every trial; and each trial's training
 * and validation cost and loss per epoch.
 *
 * <p>Every figure is rendered in memory before anything is written; then each file is written to a temporary name
 * and moved into place, the PNGs first and report.html last, so a failed run leaves the previous report intact.
 */
public final class SweepReport {
    /** Parent folder of the report folders when none is given. */
    public static final String DEFAULT_OUT = "notebooks-out";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";
    static final String LAMBDA_FIGURE = "lambda-search.png";
    static final String SCHEDULE_FIGURE = "lr-schedule.png";
    static final String OVERVIEW_FIGURE = "overview.png";
    static final String TRIAL_PREFIX = "trial-";
    static final String GRID_PREFIX = "grid-";
    /** PNG names this class writes; others of these names left from an earlier report are deleted. */
    private static final Pattern OWN_PNG = Pattern.compile("(trial-.*|grid-.*|lambda-search|lr-schedule|overview)\\.png");

    /** What {@link #write} produced. */
    public record Written(Path dir, Path html, Path markdown, List<Path> figures) {
    }

    /** A figure waiting to be rendered. */
    private record Pending(String file, String caption, int width, int height, Supplier<byte[]> render) {
    }

    private final String sweepId;
    private final String root;
    private final SweepRecord sweep;
    private final List<TrialOutcome> trials;
    private final List<Candidate> candidates;
    private final LoadedConfig config;
    private final String configProblem;

    private SweepReport(String sweepId, String root, SweepRecord sweep, List<TrialOutcome> trials,
                        List<Candidate> candidates) {
        this.sweepId = sweepId;
        this.root = root;
        this.sweep = sweep;
        this.trials = List.copyOf(trials);
        this.candidates = List.copyOf(candidates);
        LoadedConfig parsed = null;
        String problem = null;
        if (sweep == null) {
            problem = "the sweep has no row in the sweeps table";
        } else {
            try {
                parsed = ConfigLoader.fromRendered(sweep.config());
            } catch (KnetException e) {
                problem = e.getMessage();
            }
        }
        this.config = parsed;
        this.configProblem = problem;
    }

    /**
     * Reads the sweep's row and trials.
     *
     * @throws KnetException naming the sweep id and the results root when neither a sweep row nor a trial is stored
     */
    public static SweepReport load(ResultStore store, String sweepId) {
        if (sweepId == null || sweepId.isBlank()) throw new KnetException("empty sweep id");
        Optional<SweepRecord> sweep = store.readSweep(sweepId);
        List<TrialOutcome> trials = store.readTrials(sweepId);
        if (sweep.isEmpty() && trials.isEmpty()) {
            throw new KnetException("no sweep '" + sweepId + "' under the results root " + store.root()
                    + (store.exists() ? "" : " (which does not exist)")
                    + "; give --results PATH or list the sweeps with: knet query \"SELECT sweep_id, name, status FROM sweeps\"");
        }
        return new SweepReport(sweepId, store.root(), sweep.orElse(null), trials, store.readCandidates(sweepId));
    }

    /** The report folder under {@code outParent}: the sweep id, made safe as a file name. */
    public static Path folder(Path outParent, String sweepId) {
        return outParent.resolve(Format.fileName(sweepId));
    }

    public String sweepId() {
        return sweepId;
    }

    public List<TrialOutcome> trials() {
        return trials;
    }

    /** Renders every figure, then writes them, report.md and report.html to {@code folder(outParent, sweepId)}. */
    public Written write(Path outParent) {
        List<Pending> pending = new ArrayList<>();
        ReportDocument doc = document(pending);
        // Charts are independent: render them on all cores (each into its own image).
        List<byte[]> rendered = pending.parallelStream().map(p -> {
            try {
                return p.render().get();
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot render figure " + p.file() + ": " + e.getMessage(), e);
            }
        }).toList();
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        for (int i = 0; i < pending.size(); i++) pngs.put(pending.get(i).file(), rendered.get(i));
        Path dir = folder(outParent, sweepId);
        String footer = "Generated by knet report at " + Format.time(Instant.now()) + " from " + root + ".";
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> png : pngs.entrySet()) {
                written.add(writeAtomically(dir.resolve(png.getKey()), png.getValue()));
            }
            Path md = writeAtomically(dir.resolve(MARKDOWN), doc.markdown().getBytes(StandardCharsets.UTF_8));
            Path html = writeAtomically(dir.resolve(HTML), doc.html(footer).getBytes(StandardCharsets.UTF_8));
            deleteStalePngs(dir, pngs.keySet());
            return new Written(dir, html, md, written);
        } catch (IOException e) {
            throw new KnetException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The document.

    /** Builds the document; the figures it shows are added to {@code figures} to be rendered. */
    private ReportDocument document(List<Pending> figures) {
        String name = sweep == null || sweep.name() == null ? "" : sweep.name();
        ReportDocument doc = new ReportDocument("Sweep " + sweepId + (name.isBlank() ? "" : " — " + name));
        FigureCounter counter = new FigureCounter();
        header(doc);

        List<TrialOutcome> coarse = new ArrayList<>(stage(Stage.COARSE));
        coarse.addAll(stage(Stage.EXTEND));
        List<TrialOutcome> fine = stage(Stage.FINE);
        List<TrialOutcome> finals = stage(Stage.FINAL);
        List<TrialOutcome> grid = trials.stream().filter(t -> t.stage() == null || t.stage() == Stage.GRID).toList();
        if (!coarse.isEmpty() || !fine.isEmpty()) lambdaSearch(doc, figures, counter, coarse, fine, finals);
        if (!grid.isEmpty()) grid(doc, figures, counter, grid);

        halving(doc);
        replicas(doc);

        doc.heading(2, "Trials", "trials");
        doc.add(trialTable(trials));
        List<TrialOutcome> failed = trials.stream().filter(t -> t.status() == TrainingStatus.DIVERGED
                || t.status() == TrainingStatus.FAILED).toList();
        if (!failed.isEmpty()) {
            doc.heading(3, "Trials that did not complete", "failed");
            List<List<String>> rows = new ArrayList<>();
            for (TrialOutcome t : failed) {
                rows.add(List.of(t.trialId(), status(t), Format.firstLine(t.error(), 160)));
            }
            doc.add(new Table(List.of("trial", "status", "error"), List.of(false, false, false), rows));
        }

        curves(doc, figures, counter);
        schedule(doc, figures, counter);

        if (sweep != null && sweep.config() != null && !sweep.config().isBlank()) {
            doc.heading(2, "Configuration", "configuration");
            doc.paragraph("The resolved configuration stored with the sweep (HOCON).");
            doc.add(new ReportDocument.Code("knet { ... }", sweep.config()));
        }
        return doc;
    }

    /** Per stage and rung of successive halving: trials that reached the rung and trials stopped there. */
    private void halving(ReportDocument doc) {
        List<TrialOutcome> halved = trials.stream().filter(t -> t.rung() >= 0).toList();
        if (halved.isEmpty()) return;
        doc.heading(2, "Successive halving", "halving");
        doc.paragraph("Each rung trains the trials that reached it up to the rung's budget; the best 1/eta by "
                + "validation accuracy go on, the others stop (status STOPPED) and keep their curves.");
        List<List<String>> rows = new ArrayList<>();
        for (Stage st : Stage.values()) {
            List<TrialOutcome> of = halved.stream().filter(t -> t.stage() == st).toList();
            int top = of.stream().mapToInt(TrialOutcome::rung).max().orElse(-1);
            for (int r = 0; r <= top; r++) {
                int rung = r;
                long reached = of.stream().filter(t -> t.rung() >= rung).count();
                long stopped = of.stream().filter(t -> t.rung() == rung && t.status() == TrainingStatus.STOPPED).count();
                long steps = of.stream().filter(t -> t.rung() == rung).mapToLong(TrialOutcome::steps).max().orElse(0);
                rows.add(List.of(st.label(), String.valueOf(r), String.valueOf(steps), String.valueOf(reached),
                        String.valueOf(stopped)));
            }
        }
        doc.add(new Table(List.of("stage", "rung", "steps at its end", "trials reaching it", "stopped there"),
                List.of(false, true, true, true, true), rows));
        // each trial's full budget: its cycles times the steps per cycle of a trial that ran in full
        long used = halved.stream().mapToLong(TrialOutcome::steps).sum();
        double stepsPerCycle = halved.stream().filter(t -> t.status() == TrainingStatus.COMPLETE && t.cycles() > 0)
                .mapToDouble(t -> (double) t.steps() / t.cycles()).findFirst().orElse(0);
        long full = Math.round(stepsPerCycle * halved.stream().mapToLong(TrialOutcome::cycles).sum());
        if (full > 0) doc.paragraph(String.format(java.util.Locale.ROOT, "Training steps of these stages: %d, "
                + "%.1f%% of the %d that training every trial in full would take.", used, 100.0 * used / full, full));
    }

    /** Candidates re-run with fresh seeds: mean, spread and 95% interval of their validation accuracy. */
    private void replicas(ReportDocument doc) {
        if (candidates.stream().noneMatch(c -> c.replicas() >= 2)) return;
        doc.heading(2, "Candidates and replicas", "candidates");
        doc.paragraph("Each candidate's completed runs (its first run and its fresh-seed replicas); the choice uses "
                + "the mean among replicated candidates.");
        List<List<String>> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            rows.add(List.of(c.stage().label(), c.candidateId(), Format.log10(c.log10Lambda()),
                    String.valueOf(c.replicas()), Format.percent(c.mean()), Format.decimal(100 * c.sd(), 2),
                    c.replicas() < 2 ? Format.NONE : Format.percent(c.ciLow()) + " – " + Format.percent(c.ciHigh()),
                    String.valueOf(c.rank())));
        }
        doc.add(new Table(List.of("stage", "candidate", "log10(λ)", "runs", "mean val", "sd (points)", "95% CI",
                "rank"), List.of(false, false, true, true, true, true, false, true), rows));
    }

    private void header(ReportDocument doc) {
        long complete = trials.stream().filter(t -> t.status() == TrainingStatus.COMPLETE).count();
        long diverged = trials.stream().filter(t -> t.status() == TrainingStatus.DIVERGED).count();
        long stopped = trials.stream().filter(t -> t.status() == TrainingStatus.STOPPED).count();
        long failed = trials.size() - complete - diverged - stopped;
        String counts = trials.size() + " (" + complete + " complete"
                + (diverged > 0 ? ", " + diverged + " diverged" : "") + (failed > 0 ? ", " + failed + " failed" : "")
                + ")";
        double bestLog10 = sweep == null ? Double.NaN : sweep.bestLog10Lambda();
        double bestVal = sweep == null ? Double.NaN : sweep.bestValAccuracy();
        double test = sweep == null ? Double.NaN : sweep.testAccuracy();
        doc.add(new Stats(List.of(
                Map.entry("best validation accuracy", Format.percent(bestVal)),
                Map.entry("test accuracy", Format.percent(test)),
                Map.entry("best log10(λ)", Format.log10(bestLog10)),
                Map.entry("trials: " + complete + " complete" + (stopped > 0 ? ", " + stopped + " stopped early" : "")
                        + (diverged > 0 ? ", " + diverged + " diverged" : "")
                        + (failed > 0 ? ", " + failed + " failed" : ""), String.valueOf(trials.size())))));

        List<Map.Entry<String, String>> facts = new ArrayList<>();
        facts.add(Map.entry("Sweep id", sweepId));
        facts.add(Map.entry("Name", sweep == null ? Format.NONE : Format.text(sweep.name())));
        facts.add(Map.entry("Kind", kind()));
        facts.add(Map.entry("Status", sweep == null ? Format.NONE : Format.text(sweep.status() == null ? null : sweep.status().name())));
        Instant started = sweep == null ? null : sweep.startedAt();
        Instant finished = sweep == null ? null : sweep.finishedAt();
        facts.add(Map.entry("Started", Format.time(started)));
        facts.add(Map.entry("Finished", Format.time(finished)));
        if (started != null && finished != null) {
            facts.add(Map.entry("Duration", Format.duration(Duration.between(started, finished).toMillis())));
        }
        long trialMs = trials.stream().mapToLong(TrialOutcome::wallMs).sum();
        facts.add(Map.entry("Trials", counts));
        facts.add(Map.entry("Training time (sum over trials)", Format.duration(trialMs)));
        facts.add(Map.entry("Best trial", sweep == null ? Format.NONE : Format.text(sweep.bestTrialId())));
        facts.add(Map.entry("Best log10(λ)", Format.log10(bestLog10)
                + (Double.isFinite(bestLog10) ? " (λ = " + Format.scientific(Math.pow(10, bestLog10)) + ")" : "")));
        facts.add(Map.entry("Best validation accuracy", Format.percent(bestVal)));
        facts.add(Map.entry("Test accuracy", Format.percent(test)));
        facts.add(Map.entry("Spark master", sweep == null ? Format.NONE : Format.text(sweep.sparkMaster())));
        facts.add(Map.entry("Application id", sweep == null ? Format.NONE : Format.text(sweep.applicationId())));
        facts.add(Map.entry("Versions", sweep == null ? Format.NONE : Format.text(sweep.versions())));
        Set<String> hashes = new LinkedHashSet<>();
        for (TrialOutcome t : trials) if (t.configHash() != null) hashes.add(t.configHash());
        facts.add(Map.entry("Configuration hash", hashes.isEmpty() ? Format.NONE : String.join(", ", hashes)));
        facts.add(Map.entry("Results root", root));
        doc.heading(2, "Summary", "summary");
        doc.add(new Facts(facts));
        if (sweep != null && !sweep.notes().isEmpty()) {
            for (String note : sweep.notes().split("\n")) doc.paragraph("Note: " + note);
        }
    }

    private String kind() {
        boolean search = trials.stream().anyMatch(t -> t.stage() == Stage.COARSE || t.stage() == Stage.FINE);
        boolean grid = trials.stream().anyMatch(t -> t.stage() == Stage.GRID);
        if (search && grid) return "lambda search and grid";
        if (search) return "lambda search (coarse, fine" + (stage(Stage.FINAL).isEmpty() ? ")" : ", final)");
        if (grid) return "grid";
        if (config != null) return config.sweep().mode().label();
        return Format.NONE;
    }

    private void lambdaSearch(ReportDocument doc, List<Pending> figures, FigureCounter counter,
                              List<TrialOutcome> coarse, List<TrialOutcome> fine, List<TrialOutcome> finals) {
        doc.heading(2, "Lambda search", "lambda-search");
        double chosen = sweep == null ? Double.NaN : sweep.bestLog10Lambda();
        double test = sweep == null ? Double.NaN : sweep.testAccuracy();
        Optional<XYChart> chart = Figures.lambdaSearch(coarse, fine, finals, chosen, test);
        if (chart.isPresent()) {
            XYChart c = chart.get();
            long shown = Stream.of(coarse, fine).flatMap(List::stream)
                    .filter(t -> Double.isFinite(t.valAccuracy()) && Double.isFinite(t.log10Lambda())).count();
            String caption = counter.next() + "Validation accuracy against log10(λ): " + coarse.size() + " coarse and "
                    + fine.size() + " fine trials" + (shown < coarse.size() + fine.size()
                    ? " (" + (coarse.size() + fine.size() - shown) + " without a validation accuracy not shown)" : "")
                    + (finals.isEmpty() ? "" : ", and the final retrain")
                    + (Double.isFinite(chosen) ? "; the dashed line marks the chosen log10(λ) = " + Format.log10(chosen)
                    : "") + (Double.isFinite(test) ? "; test accuracy " + Format.percent(test) : "") + ".";
            add(doc, figures, LAMBDA_FIGURE, caption, Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c), false);
        } else {
            doc.paragraph("No search trial has a validation accuracy: nothing to plot.");
        }
        for (List<TrialOutcome> stage : List.of(coarse, fine)) {
            if (stage.isEmpty()) continue;
            String label = stage.get(0).stage().label();
            List<TrialOutcome> top = stage.stream().filter(t -> Double.isFinite(t.valAccuracy()))
                    .sorted(Comparator.comparingDouble(TrialOutcome::valAccuracy).reversed()).limit(3).toList();
            doc.heading(3, "Top " + top.size() + " " + label + " trials by validation accuracy", "top-" + label);
            if (top.isEmpty()) {
                doc.paragraph("No " + label + " trial completed.");
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                TrialOutcome t = top.get(i);
                rows.add(List.of(String.valueOf(i + 1), t.trialId(), Format.log10(t.log10Lambda()),
                        Format.scientific(t.lambda()), Format.percent(t.valAccuracy()),
                        Format.percent(t.bestValAccuracy())));
            }
            doc.add(new Table(List.of("rank", "trial", "log10 λ", "λ", "val accuracy", "best val accuracy"),
                    List.of(true, false, true, true, true, true), rows));
        }
        for (TrialOutcome f : finals) {
            doc.paragraph("Final: " + f.trialId() + " retrained log10(λ) = " + Format.log10(f.log10Lambda()) + " for "
                    + f.cycles() + " cycles (" + status(f) + "): validation accuracy " + Format.percent(f.valAccuracy())
                    + ", test accuracy " + Format.percent(f.testAccuracy()) + ".");
        }
    }

    private void grid(ReportDocument doc, List<Pending> figures, FigureCounter counter, List<TrialOutcome> grid) {
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
            rows.add(List.of(label.isEmpty() ? Format.NONE : label, t.trialId(), status(t),
                    Format.percent(t.valAccuracy()), Format.percent(t.bestValAccuracy()),
                    Format.percent(t.testAccuracy()), Format.duration(t.wallMs())));
        }
        doc.add(new Table(List.of("settings", "trial", "status", "val accuracy", "best val accuracy",
                "test accuracy", "wall time"), List.of(false, false, false, true, true, true, true), rows));

        List<Pending> pending = new ArrayList<>();
        Optional<XYChart> loss = Figures.compare("Validation loss per epoch", grid,
                t -> Setting.label(t, varying), Figures.Metric.VAL_LOSS, null);
        loss.ifPresent(c -> pending.add(new Pending(GRID_PREFIX + "val-loss.png", counter.next()
                + "Validation loss per epoch of every grid trial, labelled by the settings that vary.",
                Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c))));
        Optional<XYChart> acc = Figures.compare("Validation accuracy per epoch", grid,
                t -> Setting.label(t, varying), Figures.Metric.VAL_ACCURACY, null);
        acc.ifPresent(c -> pending.add(new Pending(GRID_PREFIX + "val-accuracy.png", counter.next()
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
                String file = GRID_PREFIX + "bn-" + Format.fileName(group.getKey().replace("σ=", "sigma-")
                        .replace(", ", "_").replace(' ', '-')) + ".png";
                if (!files.add(file)) file = GRID_PREFIX + "bn-" + n + ".png";
                XYChart c = chart.get();
                pending.add(new Pending(file, counter.next() + group.getKey()
                        + ": loss per epoch with and without batch normalization (solid: validation, dashed: training).",
                        Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c)));
            }
        }
        if (!pending.isEmpty()) {
            figures.addAll(pending);
            doc.add(new Gallery(pending.stream().map(p -> new Figure(p.file(), p.caption(), p.width(), p.height()))
                    .toList(), true));
        }
    }

    private void curves(ReportDocument doc, List<Pending> figures, FigureCounter counter) {
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
            add(doc, figures, OVERVIEW_FIGURE, counter.next() + "Overview: validation loss (solid) and training loss "
                            + "(dashed) per epoch of every trial, completed trials on a common scale.",
                    cols * Figures.TILE_WIDTH, rows * Figures.TILE_HEIGHT, () -> Figures.png(tiles, cols), false);
        }
        List<Figure> gallery = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        for (TrialOutcome t : withCurves) {
            String file = TRIAL_PREFIX + Format.fileName(t.trialId()) + ".png";
            for (int i = 2; !files.add(file); i++) file = TRIAL_PREFIX + Format.fileName(t.trialId()) + "-" + i + ".png";
            XYChart c = Figures.trialCurves(t).orElseThrow();
            String caption = counter.next() + t.trialId() + (t.stage() == null ? "" : " (" + t.stage().label() + ")")
                    + ": cost and loss per epoch; " + Setting.describe(t) + "; final validation accuracy "
                    + Format.percent(t.valAccuracy()) + ".";
            figures.add(new Pending(file, caption, Figures.TRIAL_WIDTH, Figures.TRIAL_HEIGHT, () -> Figures.png(c)));
            gallery.add(new Figure(file, caption, Figures.TRIAL_WIDTH, Figures.TRIAL_HEIGHT));
        }
        doc.add(new Gallery(gallery, true));
    }

    private void schedule(ReportDocument doc, List<Pending> figures, FigureCounter counter) {
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
        add(doc, figures, SCHEDULE_FIGURE, caption, Figures.WIDTH, Figures.HEIGHT, () -> Figures.png(c), false);
    }

    private static Table trialTable(List<TrialOutcome> trials) {
        List<List<String>> rows = new ArrayList<>();
        for (TrialOutcome t : trials) {
            rows.add(List.of(t.trialId(), t.stage() == null ? Format.NONE : t.stage().label(),
                    Format.hidden(t.hidden()), t.batchNorm() ? "yes" : "no", Format.text(t.init()),
                    Setting.isNormal(t) ? Format.scientific(t.initSigma()) : Format.NONE, Format.log10(t.log10Lambda()),
                    String.valueOf(t.cycles()), String.valueOf(t.epochs()), status(t), Format.percent(t.valAccuracy()),
                    Format.percent(t.bestValAccuracy()), Format.percent(t.testAccuracy()), Format.duration(t.wallMs())));
        }
        return new Table(List.of("trial", "stage", "hidden", "batch norm", "init", "σ", "log10 λ", "cycles", "epochs",
                "status", "final val acc", "best val acc", "test acc", "wall time"),
                List.of(false, false, false, false, false, true, true, true, true, false, true, true, true, true), rows);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers.

    private List<TrialOutcome> stage(Stage stage) {
        return trials.stream().filter(t -> t.stage() == stage).toList();
    }

    private static String status(TrialOutcome t) {
        return t.status() == null ? Format.NONE : t.status().name();
    }

    private static void add(ReportDocument doc, List<Pending> figures, String file, String caption, int w, int h,
                            Supplier<byte[]> render, boolean small) {
        figures.add(new Pending(file, caption, w, h, render));
        doc.add(new Gallery(List.of(new Figure(file, caption, w, h)), small));
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

    /** Writes {@code bytes} to a temporary file beside {@code target}, then moves it into place. */
    static Path writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes PNGs of this report's naming scheme that the new report does not show (e.g. of renamed trials). */
    private static void deleteStalePngs(Path dir, Set<String> keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.png")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!keep.contains(name) && OWN_PNG.matcher(name).matches()) Files.deleteIfExists(f);
            }
        }
    }

    /** Numbers the figures in the order the document shows them: "Figure 1. ", "Figure 2. ", ... */
    private static final class FigureCounter {
        private int n;

        String next() {
            return "Figure " + (++n) + ". ";
        }
    }
}
