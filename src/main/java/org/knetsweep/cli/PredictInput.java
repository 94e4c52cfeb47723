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

    /** The PNG and JPEG files of {@code dir}, each 32 x 32, as R, G, B planes. */
    static PredictInput imageFolder(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(PredictInput::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new KnetException("cannot list --input folder " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new KnetException("--input folder " + dir + " holds no .png, .jpg or .jpeg images");
        byte[] pixels = new byte[files.size() * ImageSet.FEATURES];
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
            if (img.getWidth() != SIDE || img.getHeight() != SIDE)
                throw new KnetException("image " + f + " is " + img.getWidth() + "x" + img.getHeight()
                        + "; expected 32x32 (CIFAR-10 size)");
            planes(img, pixels, i * ImageSet.FEATURES);
            keys.add(f.getFileName().toString());
        }
        return new PredictInput("file", keys, new ImageSet(pixels, new byte[files.size()]), null);
    }

    /** The image as CIFAR-10's R, G, B planes, each row-major. */
    static void planes(BufferedImage img, byte[] out, int offset) {
        int plane = SIDE * SIDE;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int rgb = img.getRGB(x, y);
                int p = offset + y * SIDE + x;
                out[p] = (byte) (rgb >> 16);
                out[p + plane] = (byte) (rgb >> 8);
                out[p + 2 * plane] = (byte) rgb;
            }
        }
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}
