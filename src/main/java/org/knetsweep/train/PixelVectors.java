package org.knetsweep.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PixelKernel}'s vector path (JDK incubator Vector API): per step, a register's worth of bytes widened to
 * ints, masked to 0..255, converted to floats, multiplied by the scales and added to the shifts, with the same two
 * roundings as the scalar loop. Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class PixelVectors {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class,
            VectorShape.forBitSize(FLOATS.length() * Byte.SIZE));

    private PixelVectors() {
    }

    static int lanes() {
        return FLOATS.length();
    }

    static void standardize(byte[] pixels, int offset, float[] scale, float[] shift, ByteBuffer out, int at) {
        int n = scale.length;
        int step = FLOATS.length();
        int j = 0;
        for (int end = FLOATS.loopBound(n); j < end; j += step)
            values(pixels, offset + j, scale, shift, j)
                    .intoByteBuffer(out, at + Float.BYTES * j, ByteOrder.nativeOrder());
        for (; j < n; j++) out.putFloat(at + Float.BYTES * j, (pixels[offset + j] & 0xFF) * scale[j] + shift[j]);
    }

    /** Values j .. j + lanes of a row: its pixels from {@code from} scaled and shifted. */
    private static FloatVector values(byte[] pixels, int from, float[] scale, float[] shift, int j) {
        IntVector ints = (IntVector) ByteVector.fromArray(BYTES, pixels, from)
                .convertShape(VectorOperators.B2I, INTS, 0);
        FloatVector values = (FloatVector) ints.and(0xFF).convertShape(VectorOperators.I2F, FLOATS, 0);
        return values.mul(FloatVector.fromArray(FLOATS, scale, j)).add(FloatVector.fromArray(FLOATS, shift, j));
    }

    static void standardize(byte[] pixels, int offset, float[] scale, float[] shift, float[] out, int to) {
        int n = scale.length;
        int step = FLOATS.length();
        int j = 0;
        for (int end = FLOATS.loopBound(n); j < end; j += step)
            values(pixels, offset + j, scale, shift, j).intoArray(out, to + j);
        PixelKernel.scalar(pixels, offset, scale, shift, out, to, j);
    }
}
