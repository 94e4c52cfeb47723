package org.knetsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** {@link SnappyRaw} against the reference implementation's compressor (snappy-java). */
class SnappyRawTest {
    private static byte[] roundTrip(byte[] data) throws IOException {
        byte[] c = Snappy.compress(data);
        byte[] out = new byte[data.length + 5];
        int n = SnappyRaw.uncompress(c, 0, c.length, out);
        assertEquals(data.length, n);
        assertEquals(data.length, SnappyRaw.length(c, 0, c.length));
        return Arrays.copyOf(out, n);
    }

    @Test
    void uncompressesWhatSnappyCompresses() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] random = new byte[300_000]; // long literals (60..63 tags)
        rnd.nextBytes(random);
        byte[] runs = new byte[200_000]; // overlapping copies: offset shorter than the length
        for (int i = 0; i < runs.length; i++) runs[i] = (byte) (i / 1000 % 3 == 0 ? 'a' : "abc".charAt(i % 3));
        byte[] mixed = new byte[500_000]; // a block repeated further on: copies with 2-byte offsets, literals between
        byte[] block = new byte[3000];
        rnd.nextBytes(block);
        for (int i = 0; i < mixed.length; i++) mixed[i] = rnd.nextInt(10) == 0 ? (byte) rnd.nextInt() : block[i % 3000];
        for (byte[] data : new byte[][] {new byte[0], new byte[] {42}, random, runs, mixed})
            assertArrayEquals(data, roundTrip(data));
    }

    @Test
    void rejectsABlockThatIsCutShortOrTooLong() throws IOException {
        byte[] data = new byte[10_000];
        new SplittableRandom(3).nextBytes(data);
        byte[] c = Snappy.compress(data);
        assertThrows(IllegalArgumentException.class, () -> SnappyRaw.uncompress(c, 0, c.length - 10, new byte[10_000]));
        assertThrows(IllegalArgumentException.class, () -> SnappyRaw.uncompress(c, 0, c.length, new byte[9_999]));
        byte[] badCopy = {5, 0b0000_0001 | (1 << 2), 9}; // 5 bytes, first element a copy before the start
        assertThrows(IllegalArgumentException.class, () -> SnappyRaw.uncompress(badCopy, 0, 3, new byte[5]));
    }
}
