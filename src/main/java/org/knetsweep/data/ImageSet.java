package org.knetsweep.data;

/**
 * A set of CIFAR-10 images as raw bytes, as stored in the binary batches: image i occupies
 * pixels[i * 3072, (i + 1) * 3072) (1024 red, 1024 green, 1024 blue values, each plane row-major over 32 x 32
 * pixels), and labels[i] is its class in 0..9. Kept as bytes (3 KB per image) so that one executor JVM can hold
 * the whole data set once and share it read-only between tasks; batches are standardized on the fly.
 */
public record ImageSet(byte[] pixels, byte[] labels) {
    public static final int FEATURES = 3072;
    public static final int CLASSES = 10;

    public ImageSet {
        if (pixels.length != labels.length * FEATURES)
            throw new IllegalArgumentException("pixels " + pixels.length + " != labels " + labels.length + " * 3072");
    }

    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Unsigned value of feature j of image i. */
    public int pixel(int i, int j) {
        return pixels[i * FEATURES + j] & 0xFF;
    }

    /** The images at the given indices, in that order (a copy). */
    public ImageSet select(int[] indices) {
        byte[] p = new byte[indices.length * FEATURES];
        byte[] l = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * FEATURES, p, k * FEATURES, FEATURES);
            l[k] = labels[indices[k]];
        }
        return new ImageSet(p, l);
    }

    /** These images followed by {@code other}'s (a copy). */
    public ImageSet concat(ImageSet other) {
        byte[] p = new byte[pixels.length + other.pixels.length];
        byte[] l = new byte[labels.length + other.labels.length];
        System.arraycopy(pixels, 0, p, 0, pixels.length);
        System.arraycopy(other.pixels, 0, p, pixels.length, other.pixels.length);
        System.arraycopy(labels, 0, l, 0, labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new ImageSet(p, l);
    }

    /** The first n images (a copy). */
    public ImageSet head(int n) {
        int[] idx = new int[Math.min(n, size())];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return select(idx);
    }
}
