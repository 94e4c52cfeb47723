package org.knetsweep.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.knetsweep.KnetException;
import org.knetsweep.report.SweepReport;
import org.knetsweep.results.ResultStore;
import org.knetsweep.spark.SparkStores;

/**
 * {@code knet report SWEEP_ID}: reads a stored sweep from the result tables (no Spark session) and writes its
 * figures (PNG), {@code report.md} and {@code report.html} to {@code notebooks-out/<sweep_id>/}.
 */
public final class ReportCommand implements Command {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "figures and tables of a stored sweep: notebooks-out/<sweep_id>/report.html, report.md, PNGs";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.RESULTS,
                Option.value("out", "DIR", "write the report to DIR/<sweep_id>/ (default: " + SweepReport.DEFAULT_OUT + ")"));
    }

    @Override
    public String arguments() {
        return "SWEEP_ID";
    }

    @Override
    public String notes() {
        return "The folder gets one PNG per figure, report.md and report.html (one page, images by relative name).\n";
    }

    @Override
    public int run(Invocation inv) {
        System.setProperty("java.awt.headless", "true"); // before the charts load AWT
        if (inv.positional().size() != 1 || inv.positional().get(0).isBlank()) {
            throw new KnetException((inv.positional().isEmpty() ? "no sweep id given" : "expected one sweep id, got "
                    + inv.positional().size()) + "; usage: " + Usage.synopsis(this));
        }
        String sweepId = inv.positional().get(0);
        String root = inv.option("results", QueryCommand.configuredRoot(inv.config()));
        Path out = path(inv.option("out", SweepReport.DEFAULT_OUT));
        ResultStore store = SparkStores.open(root);
        SweepReport report = SweepReport.load(store, sweepId);
        SweepReport.Written w = report.write(out);
        inv.out().println("knet report: " + report.trials().size() + " trials, " + w.figures().size()
                + " figures, " + SweepReport.MARKDOWN + " and " + SweepReport.HTML + " in " + w.dir());
        inv.out().println("report=" + w.html());
        return 0;
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new KnetException("--out: not a valid path: '" + text + "'", e);
        }
    }
}
