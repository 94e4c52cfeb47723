package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.DataFormat;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.config.TableConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.model.ModelFixtures;
import org.knetsweep.model.Predictor;
import org.knetsweep.model.TrainedModel;

/** predict on a folder of PNG files with a model of a binary table whose rows are grey 6 x 5 images. */
class TableImageModelTest {
    private static final int H = 6;
    private static final int W = 5;

    @TempDir
    Path dir;

    /** Grey images whose class (0..2) brightens one band of rows. */
    private static ImageSet images(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * H * W];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int y = rng.nextInt(3);
            labels[i] = (byte) y;
            for (int j = 0; j < H * W; j++) px[i * H * W + j] = (byte) (rng.nextInt(120) + (j / W / 2 == y ? 120 : 0));
        }
        return ImageSet.ofBytes(px, labels, H * W);
    }

    @Test
    void greyPngFilesScoreAsTheTablesRows() throws Exception {
        ImageSet train = images(600, 1);
        ImageSet test = images(40, 2);
        List<String> names = List.of("top", "middle", "bottom");
        DataSplit split = new DataSplit(train, images(100, 3), test, Standardizer.fit(train, H * W), names,
                List.of(1, H, W));
        DataConfig data = new DataConfig("auto", "", "", "data", 100, 0, 0, DataFormat.PARQUET,
                new TableConfig("/t/train", "", "", "label", "image", List.of(1, H, W), ""));
        RunConfig base = ModelFixtures.config(true, Precision.FLOAT32, H * W);
        RunConfig cfg = new RunConfig(base.seed(), data, base.network(), base.training());
        TrainedModel model = TrainedModel.of("g", "final-000", "h", cfg, H * W, names,
                ModelFixtures.train(cfg, split).network(), split.standardizer(), Double.NaN);
        Path folder = dir.resolve("model");
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> f : model.files().entrySet()) Files.write(folder.resolve(f.getKey()), f.getValue());

        Path pngs = dir.resolve("pngs");
        Files.createDirectories(pngs);
        for (int i = 0; i < test.size(); i++) {
            BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) {
                    int v = test.pixel(i, y * W + x);
                    img.setRGB(x, y, v << 16 | v << 8 | v);
                }
            ImageIO.write(img, "png", pngs.resolve(String.format(Locale.ROOT, "img-%03d.png", i)).toFile());
        }
        Path csv = dir.resolve("p.csv");
        InProcessKnet.Run run = InProcessKnet.knet(List.of("predict", folder.toString(), "--input", pngs.toString(),
                "--output", csv.toString()));
        assertEquals(0, run.status(), run.out() + run.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("file,predicted_label,predicted_class,p_top,p_middle,p_bottom", lines.get(0));
        Predictor.Predictions expected = new Predictor(model).predict(test);
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(String.format(Locale.ROOT, "img-%03d.png", i), cells[0]);
            assertEquals(expected.labels()[i], Integer.parseInt(cells[1]), lines.get(i + 1));
            assertEquals(names.get(expected.labels()[i]), cells[2]);
            if (expected.labels()[i] == test.label(i)) correct++;
        }
        assertTrue(correct > 30, "learned: " + correct + " of 40");

        Path big = dir.resolve("big");
        Files.createDirectories(big);
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", big.resolve("a.png").toFile());
        InProcessKnet.Run wrong = InProcessKnet.knet(List.of("predict", folder.toString(), "--input", big.toString()));
        assertEquals(2, wrong.status(), wrong.out() + wrong.err());
        assertEquals("knet: image " + big.resolve("a.png") + " is 32x32; expected 5x6 (the model's image shape [1, 6, 5])\n",
                wrong.err());
    }
}
