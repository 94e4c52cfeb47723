package org.knetsweep.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.knetsweep.KnetException;
import org.knetsweep.data.Cifar10Reader;
import org.knetsweep.data.ImageSet;
import org.knetsweep.model.ModelManifest;
import org.knetsweep.model.TrainedModel;

/**
 * The images {@code knet predict} reads without Spark: a CIFAR-10 binary batch file (key: the record's index, with
 * its stored label) or a folder of 32x32 PNG or JPEG images (key: the file name, in name order).
 *
 * @param keyName  the key column's name ({@code index} or {@code file})
 * @param keys     one key per image
 * @param labels   the stored labels of a batch file, else null
 */
record PredictInput(String keyName, List<String> keys, ImageSet images, byte[] labels) {
    static final int SIDE = 32;

    static boolean isBatchFile(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".bin");
    }

    static PredictInput batchFile(Path file) {
        ImageSet images = Cifar10Reader.readBatch(file);
        List<String> keys = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) keys.add(Integer.toString(i));
        return new PredictInput("index", keys, images, images.labels());
    }

    /**
     * The PNG and JPEG files of {@code dir} as the images {@code model} takes: CIFAR-10's 32 x 32 R, G, B planes, or
     * a table's {@code image-shape} [channels, height, width] (1 channel: the grey level, the mean of R, G and B;
     * 3: R, G, B planes; 4: R, G, B, alpha planes). A model of a table without an image shape takes no images.
     */
    static PredictInput imageFolder(Path dir, TrainedModel model) {
        ModelManifest m = model.manifest();
        List<Integer> shape = m.run().data().isTable() ? m.imageShape() : List.of(3, SIDE, SIDE);
        if (shape.isEmpty())
            throw new KnetException("model " + m.sweepId() + "/" + m.trialId() + " was trained on the features of "
                    + "table " + m.run().data().table().train() + ", not on images (it has no knet.data.image-shape); "
                    + "give --input a Parquet table with its features column");
        int channels = shape.get(0);
        int height = shape.get(1);
        int width = shape.get(2);
        if (channels != 1 && channels != 3 && channels != 4)
            throw new KnetException("model " + m.sweepId() + "/" + m.trialId() + " takes images of " + channels
                    + " channels (image shape " + shape + "); PNG and JPEG images are read as 1, 3 or 4 channels");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(PredictInput::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new KnetException("cannot list --input folder " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new KnetException("--input folder " + dir + " holds no .png, .jpg or .jpeg images");
        int size = channels * height * width;
        byte[] pixels = new byte[Math.multiplyExact(files.size(), size)];
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            BufferedImage img;
            try {
                img = ImageIO.read(f.toFile());
            } catch (IOException e) {
                throw new KnetException("cannot read image " + f + ": " + e.getMessage(), e);
            }
            if (img == null) throw new KnetException("image " + f + " is not a PNG or JPEG file ImageIO can read");
            if (img.getWidth() != width || img.getHeight() != height)
                throw new KnetException("image " + f + " is " + img.getWidth() + "x" + img.getHeight() + "; expected "
                        + width + "x" + height + (m.run().data().isTable() ? " (the model's image shape " + shape + ")"
                        : " (CIFAR-10 size)"));
            planes(img, channels, pixels, i * size);
            keys.add(f.getFileName().toString());
        }
        return new PredictInput("file", keys, ImageSet.ofBytes(pixels, new byte[files.size()], size), null);
    }

    /** The image as {@code channels} planes (grey; R, G, B; or R, G, B, alpha), each row-major. */
    static void planes(BufferedImage img, int channels, byte[] out, int offset) {
        int w = img.getWidth();
        int plane = w * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                int p = offset + y * w + x;
                int r = argb >> 16 & 0xFF, g = argb >> 8 & 0xFF, b = argb & 0xFF;
                if (channels == 1) {
                    out[p] = (byte) Math.round((r + g + b) / 3.0);
                    continue;
                }
                out[p] = (byte) r;
                out[p + plane] = (byte) g;
                out[p + 2 * plane] = (byte) b;
                if (channels == 4) out[p + 3 * plane] = (byte) (argb >>> 24);
            }
        }
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}
