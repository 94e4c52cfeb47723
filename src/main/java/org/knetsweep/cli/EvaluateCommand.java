package org.knetsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knetsweep.KnetException;
import org.knetsweep.model.ModelEvaluation;
import org.knetsweep.model.ModelManifest;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.report.ConfusionFigure;

/**
 * {@code knet evaluate MODEL}: a saved model's accuracy, cost and loss on its test data (CIFAR-10's test batch, or
 * the test table of a model trained on a table) or on other labelled data ({@code --data}), per-class accuracy
 * (by the model's class names) and the confusion matrix; with {@code --out DIR} also a confusion-matrix PNG.
 */
public final class EvaluateCommand implements Command {

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "a saved model's test accuracy, cost and loss, per-class accuracy and confusion matrix";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("data", "X", "labelled data. A CIFAR-10 model: a CIFAR-10 binary batch file (.bin), or a "
                        + "CIFAR-10 folder or .tar.gz archive (its test batch); default: the test batch of "
                        + "knet.data.source. A model trained on a table: a Parquet table URI with the columns it was "
                        + "trained with; default: its own test table (knet.data.test)"),
                Option.RESULTS,
                Option.value("out", "DIR", "also write DIR/confusion-<trial_id>.png"));
    }

    @Override
    public String arguments() {
        return "MODEL";
    }

    @Override
    public String notes() {
        return """
                MODEL: a model folder (path or Hadoop URI holding manifest.json), or SWEEP_ID (its final-000 model) or
                SWEEP_ID/TRIAL_ID, looked up in the models table.
                Prints test_accuracy as the sweep does (%.4f), so a sweep's saved model prints its test_accuracy.
                """;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        String ref = ModelArgs.modelRef(inv, this);
        Path outDir = inv.options().containsKey("out") ? ModelArgs.path("--out", inv.option("out", "")) : null;
        if (outDir != null && Files.exists(outDir) && !Files.isDirectory(outDir))
            throw new KnetException("--out " + outDir + " is a file, expected a folder");
        TrainedModel model = ModelArgs.model(inv, ref);
        PrintStream out = inv.out();
        ModelManifest m = model.manifest();
        ModelArgs.Labelled data = m.run().data().isTable()
                ? ModelArgs.table(inv, model, inv.options().get("data"), inv.err())
                : ModelArgs.labelled(inv, inv.options().get("data"), inv.err());
        ModelEvaluation e = ModelEvaluation.of(model, data.images());
        out.printf(Locale.ROOT, "model %s/%s: hidden %s, batch norm %s, %s, lambda %s, %d inputs%n", m.sweepId(),
                m.trialId(), m.run().network().hidden(), m.run().network().batchNorm() ? "on" : "off",
                model.precision().label(), m.run().training().lambda(), m.inputs());
        String unit = m.run().data().isTable() && m.imageShape().isEmpty() ? "rows" : "images";
        out.printf(Locale.ROOT, "data %s: %d %s%n", data.source(), e.images(), unit);
        long correct = 0;
        for (int k = 0; k < e.confusion().length; k++) correct += e.confusion()[k][k];
        out.printf(Locale.ROOT, "test_accuracy=%.4f cost=%.4f loss=%.4f (%d of %d correct)%n", e.metrics().accuracy(),
                e.metrics().cost(), e.metrics().loss(), correct, e.images());
        if (Double.isFinite(m.testAccuracy()))
            out.printf(Locale.ROOT, "saved with test_accuracy=%.4f (%s)%n", m.testAccuracy(),
                    m.testAccuracy() == e.metrics().accuracy() ? "the same" : "different data or model");
        printClasses(out, e, m.labelNames(), unit);
        if (outDir != null) {
            Files.createDirectories(outDir);
            Path png = outDir.resolve("confusion-" + m.trialId().replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            String title = String.format(Locale.ROOT, "%s/%s on %d %s: accuracy %.2f%%", m.sweepId(), m.trialId(),
                    e.images(), unit, 100 * e.metrics().accuracy());
            Files.write(png, ConfusionFigure.png(e.confusion(), m.labelNames(), title));
            out.println("confusion matrix: " + png);
        }
        return 0;
    }

    private static void printClasses(PrintStream out, ModelEvaluation e, List<String> names, String unit) {
        int c = e.confusion().length;
        int width = 10;
        for (int k = 0; k < c; k++) width = Math.max(width, ModelArgs.className(names, k).length());
        out.println();
        out.printf(Locale.ROOT, "%-" + width + "s  %8s  %6s%n", "class", "accuracy", unit);
        for (int k = 0; k < c; k++)
            out.printf(Locale.ROOT, "%-" + width + "s  %8.4f  %6d%n", ModelArgs.className(names, k), e.classAccuracy(k),
                    e.classCount(k));
        out.println();
        out.println("confusion matrix (rows: true class, columns: predicted class)");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", ""));
        for (int k = 0; k < c; k++) head.append(String.format(Locale.ROOT, " %6.6s", ModelArgs.className(names, k)));
        out.println(head);
        for (int i = 0; i < c; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", ModelArgs.className(names, i)));
            for (int j = 0; j < c; j++) row.append(String.format(Locale.ROOT, " %6d", e.confusion()[i][j]));
            out.println(row);
        }
    }
}
