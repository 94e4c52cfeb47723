package org.knetsweep.cli;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knetsweep.KnetException;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.spark.ModelScoring;
import org.knetsweep.spark.ScoreMeter;
import org.knetsweep.spark.ScoreOutput;
import org.knetsweep.spark.SparkSessions;

/**
 * {@code knet score MODEL --input URI --output URI}: batch scoring of a Parquet table of images on Spark (the model
 * broadcast once, partitions scored in batches on the executors), written as Parquet.
 */
public final class ScoreCommand implements Command {
    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "score a Parquet table of images on Spark with a saved model, written as Parquet";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.required("input", "URI", "Parquet table (local path, file://, hdfs://, ...) with an image column "
                        + "and any key columns"),
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
        String column = inv.option("column", "image");
        TrainedModel model = ModelArgs.model(inv, ref);
        SparkSession spark = SparkSessions.local(inv.master(), "knet score");
        ModelScoring.tuneScans(spark);
        ScoreOutput.checkAbsent(spark, output, overwrite);
        Dataset<Row> in = PredictCommand.read(spark, input);
        long t0 = System.nanoTime();
        ScoreMeter meter = ScoreMeter.register(spark);
        Dataset<Row> scored = ModelScoring.score(spark, in, column, model, "--input " + input, meter);
        long n = ScoreOutput.write(spark, scored, output, overwrite);
        double s = (System.nanoTime() - t0) / 1e9;
        inv.out().printf(Locale.ROOT, "score: %d rows of %s scored with %s/%s in %.1f s (%.0f images/s per core of "
                        + "task CPU time), written to %s%n", n, input, model.manifest().sweepId(),
                model.manifest().trialId(), s, meter.imagesPerCoreSecond(), output);
        return 0;
    }

    private static String required(Invocation inv, String option) {
        String v = inv.option(option, "");
        if (v.isBlank()) throw new KnetException("--" + option + " needs a URI, not a blank one");
        return v;
    }
}
