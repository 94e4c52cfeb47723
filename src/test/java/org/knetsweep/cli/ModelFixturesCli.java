package org.knetsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.ModelFixtures;
import org.knetsweep.model.SavedModels;
import org.knetsweep.model.TrainedModel;
import org.knetsweep.results.ModelFiles;
import org.knetsweep.results.ResultStore;
import org.knetsweep.train.TrainingResult;

/** Test helper: a small trained model saved under a results root, its test images as a batch file, and Main. */
final class ModelFixturesCli {
    final Path root;
    final Path batch;
    final DataSplit data;
    final TrainingResult trained;
    final ModelFiles.Row row;
    final TrainedModel model;

    ModelFixturesCli(Path dir) {
        root = dir.resolve("results");
        data = ModelFixtures.split(300);
        RunConfig cfg = ModelFixtures.config(true, Precision.FLOAT32, 300);
        trained = ModelFixtures.train(cfg, data);
        row = SavedModels.save(new ResultStore(root.toString()), "s1", "final-000", "abc", cfg, data,
                trained.network(), trained.test().accuracy());
        model = SavedModels.read(row.path(), java.util.Map.of());
        batch = dir.resolve("test_batch.bin");
        write(batch, data.test());
    }

    static void write(Path file, ImageSet images) {
        byte[] out = new byte[images.size() * 3073];
        for (int i = 0; i < images.size(); i++) {
            out[i * 3073] = (byte) images.label(i);
            System.arraycopy(images.pixels(), i * 3072, out, i * 3073 + 1, 3072);
        }
        try {
            Files.write(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Main's exit status, stdout and stderr. */
    record Run(int status, String out, String err) {
    }

    static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
