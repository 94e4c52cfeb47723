package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.Predictor;

/** {@code knet evaluate} and {@code knet predict} (inputs read without Spark) through Main. */
class EvaluatePredictCommandTest {
    @TempDir
    static Path dir;
    static ModelFixturesCli f;

    @BeforeAll
    static void model() {
        f = new ModelFixturesCli(dir);
    }

    @Test
    void evaluatePrintsTheRunsTestAccuracyByFolderAndBySweepIdAndDrawsThePng() throws IOException {
        String expected = String.format(Locale.ROOT, "test_accuracy=%.4f cost=%.4f loss=%.4f",
                f.trained.test().accuracy(), f.trained.test().cost(), f.trained.test().loss());
        Path png = dir.resolve("png");
        ModelFixturesCli.Run byId = ModelFixturesCli.main("evaluate", "s1", "--results", f.root.toString(), "--data",
                f.batch.toString(), "--out", png.toString());
        assertEquals(0, byId.status(), byId.err());
        assertTrue(byId.out().contains(expected), byId.out());
        assertTrue(byId.out().contains("(the same)"), byId.out());
        assertTrue(byId.out().contains("confusion matrix (rows: true class, columns: predicted class)"), byId.out());
        BufferedImage img = ImageIO.read(png.resolve("confusion-final-000.png").toFile());
        assertTrue(img.getWidth() > 500 && img.getHeight() > 500);

        ModelFixturesCli.Run byFolder = ModelFixturesCli.main("evaluate", f.row.path(), "--data", f.batch.toString());
        assertEquals(0, byFolder.status(), byFolder.err());
        assertTrue(byFolder.out().contains(expected), byFolder.out());
        ModelFixturesCli.Run byTrial = ModelFixturesCli.main("evaluate", "s1/final-000", "--results",
                f.root.toString(), "--data", f.batch.toString());
        assertTrue(byTrial.out().contains(expected), byTrial.out());
    }

    @Test
    void predictWritesTheSameLabelsForABatchFileAndForItsImagesAsPngFiles() throws IOException {
        Path csv = dir.resolve("out/batch.csv");
        ModelFixturesCli.Run r = ModelFixturesCli.main("predict", f.row.path(), "--input", f.batch.toString(),
                "--output", csv.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("index,label,predicted_label,predicted_class,p_c0,p_c1,p_c2,p_c3,p_c4,p_c5,p_c6,p_c7,p_c8,p_c9",
                lines.get(0));
        assertEquals(301, lines.size());
        Predictor.Predictions p = new Predictor(f.model).predict(f.data.test());
        for (int i = 0; i < 300; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(Integer.toString(i), cells[0]);
            assertEquals(f.data.test().label(i), Integer.parseInt(cells[1]));
            assertEquals(p.labels()[i], Integer.parseInt(cells[2]));
            assertEquals("c" + p.labels()[i], cells[3]);
            for (int k = 0; k < 10; k++) assertEquals(p.probability(i, k), Double.parseDouble(cells[4 + k]), 0.0);
        }

        Path images = dir.resolve("images");
        Files.createDirectories(images);
        for (int i = 0; i < 12; i++) ImageIO.write(image(f.data.test(), i), "png", images.resolve(String.format("img%02d.png", i)).toFile());
        ModelFixturesCli.Run folder = ModelFixturesCli.main("predict", f.row.path(), "--input", images.toString(),
                "--limit", "5");
        assertEquals(0, folder.status(), folder.err());
        List<String> out = folder.out().lines().toList();
        assertTrue(out.get(0).startsWith("file"), folder.out());
        for (int i = 0; i < 5; i++) {
            assertTrue(out.get(i + 1).startsWith(String.format("img%02d.png", i)), out.get(i + 1));
            assertEquals("c" + p.labels()[i], out.get(i + 1).split("\\s+")[1]);
        }
        assertEquals("... 7 more rows (--limit N, or --output FILE.csv for all)", out.get(6));
        assertEquals("12 images", out.get(7));
    }

    /** Image i of the set as a 32x32 RGB picture (PNG keeps the bytes exactly). */
    static BufferedImage image(ImageSet set, int i) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int p = y * 32 + x;
                img.setRGB(x, y, set.pixel(i, p) << 16 | set.pixel(i, 1024 + p) << 8 | set.pixel(i, 2048 + p));
            }
        }
        return img;
    }

    @Test
    void badInputsExitTwoWithOneLineAndWriteNothing() throws IOException {
        // a missing model
        assertUserError(ModelFixturesCli.main("evaluate", dir.resolve("nope").toString(), "--data", f.batch.toString()),
                "manifest.json not found");
        assertUserError(ModelFixturesCli.main("evaluate", "no-such-sweep", "--results", f.root.toString()),
                "is neither a model folder");
        // a truncated array file and a manifest of another version
        Path broken = copyModel("broken");
        byte[] w1 = Files.readAllBytes(broken.resolve("W1.bin"));
        Files.write(broken.resolve("W1.bin"), java.util.Arrays.copyOf(w1, w1.length - 7));
        assertUserError(ModelFixturesCli.main("evaluate", broken.toString(), "--data", f.batch.toString()),
                "W1.bin has " + (w1.length - 7) + " bytes, the manifest says " + w1.length + " (truncated?)");
        Path v2 = copyModel("v2");
        Files.writeString(v2.resolve("manifest.json"),
                Files.readString(v2.resolve("manifest.json")).replace("\"format_version\": 1", "\"format_version\": 2"));
        assertUserError(ModelFixturesCli.main("predict", v2.toString(), "--input", f.batch.toString()),
                "has format_version 2; this knet-sweep reads format_version 1");
        Path sizes = copyModel("sizes");
        Files.writeString(sizes.resolve("manifest.json"),
                Files.readString(sizes.resolve("manifest.json")).replace("\"hidden\": [20, 15]", "\"hidden\": [20, 14]"));
        assertUserError(ModelFixturesCli.main("predict", sizes.toString(), "--input", f.batch.toString()),
                "array W2 is listed with shape [20, 15]");
        // an image of the wrong size
        Path odd = dir.resolve("odd");
        Files.createDirectories(odd);
        ImageIO.write(new BufferedImage(32, 30, BufferedImage.TYPE_INT_RGB), "png", odd.resolve("a.png").toFile());
        assertUserError(ModelFixturesCli.main("predict", f.row.path(), "--input", odd.toString()),
                "a.png is 32x30; expected 32x32");
        // an existing output
        Path existing = dir.resolve("existing.csv");
        Files.writeString(existing, "keep");
        assertUserError(ModelFixturesCli.main("predict", f.row.path(), "--input", f.batch.toString(), "--output",
                existing.toString()), "exists; choose another path or add --overwrite");
        assertEquals("keep", Files.readString(existing));
        assertEquals(0, ModelFixturesCli.main("predict", f.row.path(), "--input", f.batch.toString(), "--output",
                existing.toString(), "--overwrite").status());
        assertFalse(Files.readString(existing).equals("keep"));
        // a batch file that is not whole records
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(f.batch), 3073 * 2 + 5));
        ModelFixturesCli.Run r = ModelFixturesCli.main("predict", f.row.path(), "--input", cut.toString());
        assertEquals(2, r.status(), r.err());
    }

    private static Path copyModel(String name) throws IOException {
        Path from = Path.of(java.net.URI.create(f.row.path().replace("file:", "file://")));
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) if (!p.getFileName().toString().startsWith(".")) Files.copy(p, to.resolve(p.getFileName()));
        }
        return to;
    }

    private static void assertUserError(ModelFixturesCli.Run r, String expected) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
