package org.knetsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.knetsweep.KnetException;
import org.knetsweep.model.PredictionTable;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.spark.ModelScoring;
import org.knetsweep.spark.ScoringSession;

/**
 * {@code knet predict MODEL --input PATH}: the class and the ten probabilities of each image of a CIFAR-10 batch
 * file, a folder of 32x32 PNG/JPEG images or a Parquet table, as a table on the terminal, a CSV file or Parquet.
 */
public final class PredictCommand implements Command {
    /** The Parquet image or features column, for predict and score. */
    static final Option COLUMN = Option.value("column", "NAME", "the Parquet column to score. A CIFAR-10 model: the "
            + "image column, binary of 3072 bytes (R, G, B planes, as in CIFAR-10's batches) or an array of 3072 "
            + "numbers 0..255 (default: image). A model trained on a table: its features column, binary, an array "
            + "of numbers or a Spark ML vector, as wide as the model's input (default: the model's "
            + "knet.data.features-column)");

    /** The column --column names, else the model's own: its features column (a table's model) or {@code image}. */
    static String column(Invocation inv, TrainedModel model) {
        var data = model.manifest().run().data();
        return inv.option("column", data.isTable() ? data.table().featuresColumn() : "image");
    }

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "class and probabilities per image (batch file, image folder or Parquet) from a saved model";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.required("input", "PATH", "a CIFAR-10 binary batch file (.bin; key column index), a folder of "
                        + "32x32 .png/.jpg images (key column file), or a Parquet table with an image column (other "
                        + "columns are kept as keys; read with Spark in local mode)"),
                Option.value("output", "X", "X.csv: one row per image, keys, predicted_label, predicted_class, "
                        + "p_<class>...; anything else: a Parquet folder (keys, predicted_label, predicted_class, "
                        + "probabilities). Without it: a table on the terminal"),
                COLUMN,
                Option.value("limit", "N", "rows shown on the terminal (default 20)"),
                Option.flag("overwrite", "replace an existing --output"),
                Option.RESULTS);
    }

    @Override
    public String arguments() {
        return "MODEL";
    }

    @Override
    public String notes() {
        return "MODEL: a model folder, or SWEEP_ID[/TRIAL_ID] in the models table (as for evaluate).\n";
    }

    @Override
    public int run(Invocation inv) throws IOException {
        String ref = ModelArgs.modelRef(inv, this);
        String input = inv.option("input", "");
        if (input.isBlank()) throw new KnetException("--input needs a path, not a blank one");
        String output = inv.options().get("output");
        boolean overwrite = inv.flag("overwrite");
        boolean csv = output != null && output.toLowerCase(Locale.ROOT).endsWith(".csv");
        int limit = inv.intOption("limit", 20, 0);
        if (csv && !overwrite && Files.exists(ModelArgs.path("--output", output)))
            throw new KnetException("output " + output + " exists; choose another path or add --overwrite");
        TrainedModel model = ModelArgs.model(inv, ref);
        List<String> classes = model.manifest().labelNames();
        String column = column(inv, model);

        Path local = input.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") ? null : ModelArgs.path("--input", input);
        boolean parquet = local == null || isParquet(local);
        if (local != null && !Files.exists(local)) throw new KnetException("--input " + input + ": no such file or folder");
        PredictionTable table;
        ScoringSession scoring = null;
        if (parquet || output != null && !csv) scoring = ScoringSession.start(inv.master(), "knet predict");
        if (parquet) {
            if (output != null && !csv) {
                long n = scoring.predictToParquet(input, column, model, output, overwrite);
                inv.out().println("predict: " + n + " rows written to " + output);
                return 0;
            }
            table = scoring.predict(input, column, model);
        } else {
            PredictInput images = PredictInput.isBatchFile(local) ? PredictInput.batchFile(local)
                    : Files.isDirectory(local) ? PredictInput.imageFolder(local, model) : null;
            if (images == null)
                throw new KnetException("--input " + input + " is neither a CIFAR-10 batch file (.bin), a folder of "
                        + "images nor a Parquet table");
            table = predict(model, images, classes);
        }
        if (output == null) {
            print(inv.out(), table, limit);
        } else if (csv) {
            writeCsv(ModelArgs.path("--output", output), table);
            inv.out().println("predict: " + table.rows().size() + " rows written to " + output);
        } else {
            long n = scoring.write(table, output, overwrite);
            inv.out().println("predict: " + n + " rows written to " + output);
        }
        return 0;
    }

    private static boolean isParquet(Path p) throws IOException {
        if (p.getFileName() != null && p.getFileName().toString().endsWith(".parquet")) return true;
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> s = Files.list(p)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".parquet")
                    || f.getFileName().toString().equals("_SUCCESS"));
        }
    }

    static PredictionTable predict(TrainedModel model, PredictInput in, List<String> classes) {
        Predictor.Predictions p = new Predictor(model).predict(in.images());
        List<String> keyNames = in.labels() == null ? List.of(in.keyName()) : List.of(in.keyName(), "label");
        List<Object[]> rows = new ArrayList<>();
        int c = p.classes();
        for (int i = 0; i < p.size(); i++) {
            double[] probs = new double[c];
            System.arraycopy(p.probabilities(), i * c, probs, 0, c);
            Object key = in.keyName().equals("index") ? (Object) i : in.keys().get(i);
            Object[] row = in.labels() == null ? new Object[] {key, null, null, null}
                    : new Object[] {key, (int) in.labels()[i], null, null, null};
            int k = keyNames.size();
            row[k] = p.labels()[i];
            row[k + 1] = ModelArgs.className(classes, p.labels()[i]);
            row[k + 2] = probs;
            rows.add(row);
        }
        return new PredictionTable(keyNames, rows, classes);
    }

    private static void print(PrintStream out, PredictionTable t, int limit) {
        int keys = t.keyNames().size();
        StringBuilder head = new StringBuilder();
        for (String k : t.keyNames()) head.append(String.format(Locale.ROOT, "%-12.12s ", k));
        head.append(String.format(Locale.ROOT, "%-12s", "predicted"));
        for (String c : t.classes()) head.append(String.format(Locale.ROOT, " %6.6s", c));
        out.println(head);
        int shown = Math.min(limit, t.rows().size());
        for (int i = 0; i < shown; i++) {
            Object[] r = t.rows().get(i);
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < keys; j++) line.append(String.format(Locale.ROOT, "%-12.12s ", String.valueOf(r[j])));
            line.append(String.format(Locale.ROOT, "%-12.12s", r[keys + 1]));
            for (double p : (double[]) r[keys + 2]) line.append(String.format(Locale.ROOT, " %6.4f", p));
            out.println(line);
        }
        if (shown < t.rows().size())
            out.println("... " + (t.rows().size() - shown) + " more rows (--limit N, or --output FILE.csv for all)");
        out.println(t.rows().size() + " images");
    }

    static void writeCsv(Path file, PredictionTable t) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            List<String> head = new ArrayList<>(t.keyNames());
            head.add(ModelScoring.LABEL);
            head.add(ModelScoring.CLASS);
            for (String c : t.classes()) head.add("p_" + c);
            w.write(String.join(",", head.stream().map(PredictCommand::csvField).toList()) + "\n");
            int keys = t.keyNames().size();
            for (Object[] r : t.rows()) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < keys + 2; j++) line.append(csvField(r[j] == null ? "" : String.valueOf(r[j]))).append(',');
                double[] probs = (double[]) r[keys + 2];
                for (int k = 0; k < probs.length; k++) line.append(probs[k]).append(k + 1 < probs.length ? "," : "\n");
                w.write(line.toString());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
