package org.knetsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.knetsweep.KnetException;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.spark.SweepSession;
import org.knetsweep.sweep.SweepResult;
import org.knetsweep.sweep.SweepText;
import org.knetsweep.trial.SweepStatus;

/**
 * {@code knet experiment NAME|all}: the report's experiments, each a file in {@code conf/experiments/}. Each runs as
 * a sweep with its own sweep id on one shared Spark session, followed by its report; {@code gradcheck} runs the
 * gradient check instead. The --set overrides apply to every experiment.
 */
public final class ExperimentCommand implements Command {
    /** The order of {@code all}: quick grids first, the long search, then the gradient check. */
    static final List<String> ORDER = List.of("bn-3layer", "bn-9layer", "init-sensitivity", "lambda-search",
            "gradcheck");
    static final String GRADCHECK = "gradcheck";

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "run one of the report's experiments (conf/experiments/NAME.conf) or all, each with its report";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("experiments", "DIR", "folder of the experiment files (default conf/experiments)"),
                Option.flag("no-report", "skip the reports"));
    }

    @Override
    public String arguments() {
        return "NAME|all";
    }

    @Override
    public String notes() {
        return """
                NAME: an experiment file DIR/NAME.conf; all: every one, quick grids first, then the lambda search and
                the gradient check. The --set overrides apply to every experiment (docs/experiments.md).
                """;
    }

    @Override
    public int run(Invocation inv) throws Exception {
        if (inv.positional().size() != 1)
            throw new KnetException("experiment needs one argument, an experiment name or all; experiments: "
                    + String.join(", ", available(dir(inv))));
        Path dir = dir(inv);
        String what = inv.positional().get(0);
        List<String> names = what.equals("all") ? ordered(available(dir)) : List.of(what);
        for (String n : names) {
            if (!Files.isRegularFile(dir.resolve(n + ".conf")))
                throw new KnetException("no experiment " + n + ": " + dir.resolve(n + ".conf") + " does not exist ("
                        + "experiments: " + String.join(", ", available(dir)) + ")");
        }
        List<LoadedConfig> configs = new ArrayList<>();
        for (String n : names) configs.add(ConfigLoader.load(dir.resolve(n + ".conf"), inv.sets()));
        PrintStream out = inv.out();
        long start = System.nanoTime();
        // no header; name, status and time in columns of at least 18, 9 and 9 characters, two spaces before the result
        TextTable summary = new TextTable(List.of(), List.of(TextTable.Align.LEFT, TextTable.Align.LEFT,
                TextTable.Align.RIGHT, TextTable.Align.LEFT)).withMinWidths(18, 9, 9, 0);
        int worst = 0;
        SweepSession spark = null;
        try {
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                LoadedConfig cfg = configs.get(i);
                long t0 = System.nanoTime();
                out.println();
                out.println("=== experiment " + n + " ===");
                int status;
                String result;
                if (n.equals(GRADCHECK)) {
                    status = new GradCheckCommand().run(new Invocation(cfg, inv.master(), inv.options(), List.of(),
                            out, inv.err(), inv.sets()));
                    result = "gradient check, tables in " + cfg.gradCheck().output();
                } else {
                    if (spark == null) spark = SweepSession.open(inv.master() != null ? inv.master()
                            : cfg.sweep().sparkMaster(), "knet-sweep experiments");
                    String sweepId = SweepText.newSweepId(cfg.sweep().name(), Instant.now());
                    SweepResult r = SweepCommand.run(cfg, sweepId, spark, out);
                    status = r.sweep().status() == SweepStatus.COMPLETE ? 0 : 3;
                    result = "sweep " + sweepId;
                    if (!inv.flag("no-report")) {
                        int rs = Main.run(new String[] {"report", sweepId, "--results", cfg.sweep().resultsRoot()},
                                out, inv.err());
                        if (rs != 0) status = Math.max(status, rs);
                        result += ", report in notebooks-out/" + sweepId + "/report.html";
                    }
                }
                worst = Math.max(worst, status);
                summary.row(List.of(n, status == 0 ? "ok" : "status " + status,
                        String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9), " " + result));
            }
        } finally {
            if (spark != null) spark.close();
        }
        out.println();
        out.println("experiments:");
        summary.print(out, new TextTable.Style("  ", " ", false, true));
        out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - start) / 1e9);
        return worst;
    }

    private static Path dir(Invocation inv) {
        return Path.of(inv.option("experiments", "conf/experiments"));
    }

    static List<String> available(Path dir) {
        if (!Files.isDirectory(dir)) throw new KnetException("experiment folder " + dir.toAbsolutePath() + " does not exist");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".conf"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new KnetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Known experiments in {@link #ORDER}, then any others alphabetically. */
    static List<String> ordered(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : ORDER) if (names.contains(n)) out.add(n);
        for (String n : names) if (!out.contains(n)) out.add(n);
        return out;
    }
}
