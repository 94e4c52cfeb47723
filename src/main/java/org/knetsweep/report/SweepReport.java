package org.knetsweep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.knetsweep.KnetException;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.io.AtomicFile;
import org.knetsweep.report.ReportDocument.Facts;
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
 * validation accuracy against log10(lambda) and the top three trials of each stage (for a search that varied two or
 * more numeric parameters, {@link SearchSection}: a figure per parameter, pairwise scatters coloured by accuracy and
 * the winner's parameters in the header); for a grid, the trials' curves
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
    static final String SCHEDULE_FIGURE = "lr-schedule.png";
    static final String OVERVIEW_FIGURE = "overview.png";
    static final String TRIAL_PREFIX = "trial-";
    static final String GRID_PREFIX = "grid-";
    /** PNG names this class writes; others of these names left from an earlier report are deleted. */
    private static final Pattern OWN_PNG =
            Pattern.compile("(trial-.*|grid-.*|search-.*|lambda-search|lr-schedule|overview)\\.png");

    /** What {@link #write} produced. */
    public record Written(Path dir, Path html, Path markdown, List<Path> figures) {
    }

    private final String sweepId;
    private final String root;
    private final SweepRecord sweep;
    private final List<TrialOutcome> trials;
    private final List<Candidate> candidates;
    private final SearchSpace space;
    private final LoadedConfig config;
    private final String configProblem;

    private SweepReport(String sweepId, String root, SweepRecord sweep, List<TrialOutcome> trials,
                        List<Candidate> candidates, Map<String, Map<String, Double>> parameters) {
        this.sweepId = sweepId;
        this.root = root;
        this.sweep = sweep;
        this.trials = List.copyOf(trials);
        this.candidates = List.copyOf(candidates);
        this.space = SearchSpace.of(this.trials, parameters);
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
        return new SweepReport(sweepId, store.root(), sweep.orElse(null), trials, store.readCandidates(sweepId),
                store.readTrialNumbers(sweepId, SearchSpace.EXTRA_COLUMNS));
    }

    /**
     * The report of trials already read, with the values of {@link SearchSpace#EXTRA_COLUMNS} per trial id (what
     * {@link #load} reads from the store; tests give them directly).
     */
    static SweepReport of(String sweepId, String root, SweepRecord sweep, List<TrialOutcome> trials,
                          List<Candidate> candidates, Map<String, Map<String, Double>> parameters) {
        return new SweepReport(sweepId, root, sweep, trials, candidates, parameters);
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
        List<PendingFigure> pending = new ArrayList<>();
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
                written.add(AtomicFile.write(dir.resolve(png.getKey()), png.getValue()));
            }
            Path md = AtomicFile.write(dir.resolve(MARKDOWN), doc.markdown().getBytes(StandardCharsets.UTF_8));
            Path html = AtomicFile.write(dir.resolve(HTML), doc.html(footer).getBytes(StandardCharsets.UTF_8));
            deleteStalePngs(dir, pngs.keySet());
            return new Written(dir, html, md, written);
        } catch (IOException e) {
            throw new KnetException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The document.

    /** Builds the document; the figures it shows are added to {@code figures} to be rendered. */
    private ReportDocument document(List<PendingFigure> figures) {
        String name = sweep == null || sweep.name() == null ? "" : sweep.name();
        ReportDocument doc = new ReportDocument("Sweep " + sweepId + (name.isBlank() ? "" : " — " + name));
        PendingFigure.Counter counter = new PendingFigure.Counter();
        header(doc);

        List<TrialOutcome> coarse = searchTrials(Stage.COARSE);
        List<TrialOutcome> fine = stage(Stage.FINE);
        List<TrialOutcome> finals = stage(Stage.FINAL);
        List<TrialOutcome> grid = trials.stream().filter(t -> t.stage() == null || t.stage() == Stage.GRID).toList();
        if (!coarse.isEmpty() || !fine.isEmpty()) {
            SearchSection.add(doc, figures, counter, space, sweep, coarse, fine, finals);
        }
        if (!grid.isEmpty()) GridSection.add(doc, figures, counter, grid);

        BudgetSections.halving(doc, trials);
        BudgetSections.replicas(doc, candidates);

        doc.heading(2, "Trials", "trials");
        doc.add(trialTable(trials));
        List<TrialOutcome> failed = trials.stream().filter(t -> t.status() == TrainingStatus.DIVERGED
                || t.status() == TrainingStatus.FAILED).toList();
        if (!failed.isEmpty()) {
            doc.heading(3, "Trials that did not complete", "failed");
            List<List<String>> rows = new ArrayList<>();
            for (TrialOutcome t : failed) {
                rows.add(List.of(t.trialId(), Format.status(t), Format.firstLine(t.error(), 160)));
            }
            doc.add(new Table(List.of("trial", "status", "error"), List.of(false, false, false), rows));
        }

        CurvesSection.curves(doc, figures, counter, trials);
        CurvesSection.schedule(doc, figures, counter, trials, config, configProblem);

        if (sweep != null && sweep.config() != null && !sweep.config().isBlank()) {
            doc.heading(2, "Configuration", "configuration");
            doc.paragraph("The resolved configuration stored with the sweep (HOCON).");
            doc.add(new ReportDocument.Code("knet { ... }", sweep.config()));
        }
        return doc;
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
        if (space.isMultiParameter()) {
            TrialOutcome winner = SearchSection.winner(sweep, searchTrials(Stage.COARSE), searchTrials(Stage.FINE));
            facts.add(Map.entry("Best parameters", winner == null ? Format.NONE
                    : space.describe(winner) + " (" + winner.trialId() + ")"));
        }
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
        String stages = "(coarse, fine" + (stage(Stage.FINAL).isEmpty() ? ")" : ", final)");
        if (search && space.isMultiParameter()) return "search over " + space.varying().size() + " parameters " + stages;
        if (search) return "lambda search " + stages;
        if (grid) return "grid";
        if (config != null) return config.sweep().mode().label();
        return Format.NONE;
    }

    /** Every trial's settings and outcome; a multi-parameter search adds its varying training parameters. */
    private Table trialTable(List<TrialOutcome> trials) {
        List<SearchSpace.Parameter> extra = space.isMultiParameter() ? space.varying().stream()
                .filter(p -> SearchSpace.EXTRA_COLUMNS.contains(p.column)).toList() : List.of();
        List<List<String>> rows = new ArrayList<>();
        for (TrialOutcome t : trials) {
            List<String> row = new ArrayList<>(List.of(t.trialId(), t.stage() == null ? Format.NONE : t.stage().label(),
                    Format.hidden(t.hidden()), t.batchNorm() ? "yes" : "no", Format.text(t.init()),
                    Setting.isNormal(t) ? Format.scientific(t.initSigma()) : Format.NONE, Format.log10(t.log10Lambda())));
            for (SearchSpace.Parameter p : extra) row.add(SearchSpace.format(p, space.value(p, t)));
            row.addAll(List.of(String.valueOf(t.cycles()), String.valueOf(t.epochs()), Format.status(t),
                    Format.percent(t.valAccuracy()), Format.percent(t.bestValAccuracy()),
                    Format.percent(t.testAccuracy()), Format.duration(t.wallMs())));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("trial", "stage", "hidden", "batch norm", "init", "σ", "log10 λ"));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false, false, false, false, true, true));
        for (SearchSpace.Parameter p : extra) {
            header.add(p.label);
            numeric.add(true);
        }
        header.addAll(List.of("cycles", "epochs", "status", "final val acc", "best val acc", "test acc", "wall time"));
        numeric.addAll(List.of(true, true, false, true, true, true, true));
        return new Table(header, numeric, rows);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers.

    /** The trials of a search stage, coarse including extend. */
    private List<TrialOutcome> searchTrials(Stage stage) {
        List<TrialOutcome> of = new ArrayList<>(stage(stage));
        if (stage == Stage.COARSE) of.addAll(stage(Stage.EXTEND));
        return of;
    }

    private List<TrialOutcome> stage(Stage stage) {
        return trials.stream().filter(t -> t.stage() == stage).toList();
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
}
