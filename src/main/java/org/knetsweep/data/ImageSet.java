package org.knetsweep.data;

import java.util.Arrays;

/**
 * A set of labelled examples (rows), each {@code width} features wide, held in one of two layouts:
 * <ul>
 * <li>bytes ({@code pixels} non-null): unsigned values 0..255, row i at pixels[i * width, (i + 1) * width), as
 * CIFAR-10's binary batches store an image (1024 red, 1024 green, 1024 blue values, each plane row-major over
 * 32 x 32 pixels) and as a Parquet binary column stores one. One byte per value, so that one executor JVM can hold
 * the whole data set once and share it read-only between tasks; batches are standardized on the fly.</li>
 * <li>floats ({@code values} non-null): row i at values[i * width, (i + 1) * width), for tables of feature
 * arrays or vectors.</li>
 * </ul>
 * {@code labels[i]} is the class of row i, 0..126 (a class index, not the table's own label value).
 */
public record ImageSet(byte[] pixels, float[] values, byte[] labels, int width) {
    /** The width of a CIFAR-10 image, 3 x 32 x 32. */
    public static final int FEATURES = 3072;
    /** CIFAR-10's number of classes. */
    public static final int CLASSES = 10;
    /** The most classes a label byte holds. */
    public static final int MAX_CLASSES = 127;

    public ImageSet {
        if ((pixels == null) == (values == null))
            throw new IllegalArgumentException("exactly one of pixels and values must be given");
        if (width <= 0 && labels.length > 0) throw new IllegalArgumentException("width " + width);
        long expected = (long) labels.length * width;
        long actual = pixels != null ? pixels.length : values.length;
        if (actual != expected)
            throw new IllegalArgumentException("values " + actual + " != labels " + labels.length + " * " + width);
    }

    /** CIFAR-10 images as bytes, {@value #FEATURES} per image. */
    public ImageSet(byte[] pixels, byte[] labels) {
        this(pixels, null, labels, FEATURES);
    }

    /** Rows of unsigned bytes, {@code width} per row. */
    public static ImageSet ofBytes(byte[] pixels, byte[] labels, int width) {
        return new ImageSet(pixels, null, labels, width);
    }

    /** Rows of floats, {@code width} per row. */
    public static ImageSet ofFloats(float[] values, byte[] labels, int width) {
        return new ImageSet(null, values, labels, width);
    }

    /** An empty set of the same layout and width. */
    public ImageSet empty() {
        return isBytes() ? ofBytes(new byte[0], new byte[0], width) : ofFloats(new float[0], new byte[0], width);
    }

    /** True for the byte layout. */
    public boolean isBytes() {
        return pixels != null;
    }

    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Unsigned value of feature j of image i (byte layout only). */
    public int pixel(int i, int j) {
        return pixels[i * width + j] & 0xFF;
    }

    /** Feature j of row i, in either layout. */
    public double value(int i, int j) {
        return pixels != null ? pixels[i * width + j] & 0xFF : values[i * width + j];
    }

    /** The rows at the given indices, in that order (a copy). */
    public ImageSet select(int[] indices) {
        byte[] l = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) l[k] = labels[indices[k]];
        if (pixels != null) {
            byte[] p = new byte[indices.length * width];
            for (int k = 0; k < indices.length; k++)
                System.arraycopy(pixels, indices[k] * width, p, k * width, width);
            return new ImageSet(p, null, l, width);
        }
        float[] v = new float[indices.length * width];
        for (int k = 0; k < indices.length; k++) System.arraycopy(values, indices[k] * width, v, k * width, width);
        return new ImageSet(null, v, l, width);
    }

    /** These rows followed by {@code other}'s (a copy; same layout and width). */
    public ImageSet concat(ImageSet other) {
        if (other.width != width || other.isBytes() != isBytes())
            throw new IllegalArgumentException("cannot concatenate rows of different layouts or widths");
        byte[] l = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        if (pixels != null) {
            byte[] p = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
            System.arraycopy(other.pixels, 0, p, pixels.length, other.pixels.length);
            return new ImageSet(p, null, l, width);
        }
        float[] v = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, v, values.length, other.values.length);
        return new ImageSet(null, v, l, width);
    }

    /** The first n rows (a copy). */
    public ImageSet head(int n) {
        int[] idx = new int[Math.min(n, size())];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return select(idx);
    }
}
