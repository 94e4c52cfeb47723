package org.knetsweep.train;

/**
 * The standardization of one image row, {@code out[to + j] = (pixels[offset + j] & 0xFF) * scale[j] + shift[j]}
 * for {@code j < scale.length}, in float32: a multiply and an add, each rounded, the same floats on either path.
 *
 * <p>Two paths with bit-identical results. The scalar loop costs about 0.6-1 ns per value, because HotSpot 17 does
 * not vectorize a byte-to-float conversion, which makes it a third of the forward pass of a scored image. With the
 * JDK's vector module on the module path ({@code --add-modules=jdk.incubator.vector}, which {@code submit/knet}
 * passes to the driver and the executors) {@link PixelVectors} converts and scales a whole register of pixels per
 * step, about five times faster. Without the module, or with {@code -Dknet.vector=false}, the scalar loop runs.
 */
public final class PixelKernel {
    /** True when rows go through {@link PixelVectors}. */
    public static final boolean VECTOR = vectorUsable();

    private PixelKernel() {
    }

    /** Standardizes {@code scale.length} pixels from {@code offset} into {@code out} from index {@code to}. */
    public static void standardize(byte[] pixels, int offset, float[] scale, float[] shift, float[] out, int to) {
        if (VECTOR) PixelVectors.standardize(pixels, offset, scale, shift, out, to);
        else scalar(pixels, offset, scale, shift, out, to, 0);
    }

    /**
     * The vector path writing straight into native-order {@code out} from byte {@code at} (a row of an off-heap
     * matrix), which spares the copy of a row buffer; only when {@link #VECTOR}.
     */
    public static void standardize(byte[] pixels, int offset, float[] scale, float[] shift, java.nio.ByteBuffer out,
                                   int at) {
        PixelVectors.standardize(pixels, offset, scale, shift, out, at);
    }

    /** The scalar path for the values from {@code from} on (also the vector path's tail). */
    static void scalar(byte[] pixels, int offset, float[] scale, float[] shift, float[] out, int to, int from) {
        for (int j = from; j < scale.length; j++) out[to + j] = (pixels[offset + j] & 0xFF) * scale[j] + shift[j];
    }

    /** A short description for benchmark headers: which path runs, and its register width. */
    public static String describe() {
        return VECTOR ? "pixels: vector (" + PixelVectors.lanes() + " floats)" : "pixels: scalar";
    }

    private static boolean vectorUsable() {
        if (!Boolean.parseBoolean(System.getProperty("knet.vector", "true"))) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return PixelVectors.lanes() >= 4;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
