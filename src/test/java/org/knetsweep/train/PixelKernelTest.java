package org.knetsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PixelKernelTest {
    @Test
    void theVectorPathRunsWhenTheModuleIsThere() {
        // the test JVM gets --add-modules=jdk.incubator.vector from the pom, as submit/knet's JVMs do
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "surefire argLine lacks it");
        assertTrue(PixelKernel.VECTOR, PixelKernel.describe());
    }

    @Test
    void vectorAndScalarPathsGiveTheSameFloats() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000, 3071, 3072}) {
            int offset = rng.nextInt(50);
            byte[] pixels = new byte[offset + n + 5];
            for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) rng.nextInt(256);
            pixels[offset] = (byte) 255; // the extremes, as unsigned bytes
            if (n > 1) pixels[offset + 1] = 0;
            float[] scale = new float[n];
            float[] shift = new float[n];
            for (int j = 0; j < n; j++) {
                scale[j] = (float) (1 / (20 + 80 * rng.nextDouble()));
                shift[j] = (float) (-rng.nextDouble() * 3);
            }
            int to = 3;
            float[] vector = new float[n + to];
            float[] scalar = new float[n + to];
            PixelVectors.standardize(pixels, offset, scale, shift, vector, to);
            PixelKernel.scalar(pixels, offset, scale, shift, scalar, to, 0);
            for (int j = 0; j < n + to; j++)
                assertEquals(Float.floatToRawIntBits(scalar[j]), Float.floatToRawIntBits(vector[j]),
                        "n=" + n + " value " + j);
            assertEquals((255 * scale[0]) + shift[0], scalar[to], 0f);
        }
    }
}
