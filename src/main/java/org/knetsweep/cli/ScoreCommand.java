package org.knetsweep.cli;

import java.util.List;
import java.util.Locale;
import org.knetsweep.KnetException;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.spark.ScoringSession;

/**
 * {@code knet score MODEL --input URI --output URI}: batch scoring of a Parquet table of images (or, for a model
 * trained on a table, of its features column) on Spark (the model broadcast once, partitions scored in batches on
 * the executors), written as Parquet.
 */
public final class ScoreCommand implements Command {
    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "score a Parquet table of images (or of a table's features) on Spark with a saved model, written as "
                + "Parquet";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.required("input", "URI", "Parquet table (local path, file://, hdfs://, ...) with an image column "
                        + "(a model trained on a table: its features column) and any key columns"),
                Option.required("output", "URI", "Parquet folder: the key columns, predicted_label (int), "
                        + "predicted_class (string), probabilities (array<double>); written aside and renamed into "
                        + "place when complete"),
                PredictCommand.COLUMN,
                Option.flag("overwrite", "replace an existing --output"),
                Option.RESULTS);
    }

    @Override
    public String arguments() {
        return "MODEL";
    }

    @Override
    public String notes() {
        return """
                MODEL: a model folder, or SWEEP_ID[/TRIAL_ID] in the models table (as for evaluate).
                The model is broadcast once per executor and each partition is scored in batches of 500 rows.
                """;
    }

    @Override
    public int run(Invocation inv) {
        String ref = ModelArgs.modelRef(inv, this);
        String input = required(inv, "input");
        String output = required(inv, "output");
        boolean overwrite = inv.flag("overwrite");
        TrainedModel model = ModelArgs.model(inv, ref);
        String column = PredictCommand.column(inv, model);
        ScoringSession.ScoreRun run = ScoringSession.start(inv.master(), "knet score")
                .scoreToParquet(input, column, model, output, overwrite);
        var m = model.manifest();
        String unit = m.run().data().isTable() && m.imageShape().isEmpty() ? "rows" : "images"; // as evaluate says
        inv.out().printf(Locale.ROOT, "score: %d rows of %s scored with %s/%s in %.1f s (%.0f %s/s per core of "
                        + "task CPU time), written to %s%n", run.rows(), input, m.sweepId(), m.trialId(), run.seconds(),
                run.imagesPerCoreSecond(), unit, output);
        return 0;
    }

    private static String required(Invocation inv, String option) {
        String v = inv.option(option, "");
        if (v.isBlank()) throw new KnetException("--" + option + " needs a URI, not a blank one");
        return v;
    }
}
