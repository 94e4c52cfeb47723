package org.knetsweep.data;

import java.nio.ByteBuffer;

/**
 * Snappy's raw format (what a Parquet SNAPPY page holds: one block), uncompressed in Java into a caller's array, so
 * that reading a table needs no native library. Format: the uncompressed length as a varint, then literals and
 * copies (https://github.com/google/snappy/blob/main/format_description.txt).
 */
final class SnappyRaw {
    private SnappyRaw() {
    }

    /** The uncompressed length the block at {@code in[from..to)} declares. */
    static int length(byte[] in, int from, int to) {
        return length(ByteBuffer.wrap(in), from, to);
    }

    /** The uncompressed length the block at {@code in[from..to)} (absolute positions) declares. */
    static int length(ByteBuffer in, int from, int to) {
        long v = 0;
        for (int shift = 0, p = from; shift < 35 && p < to; shift += 7, p++) {
            int x = in.get(p);
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (v > Integer.MAX_VALUE) break;
                return (int) v;
            }
        }
        throw new IllegalArgumentException("a Snappy block with a bad length");
    }

    /**
     * Uncompresses the block at {@code in[from..to)} into {@code out} from 0; returns the uncompressed length.
     *
     * @throws IllegalArgumentException for a malformed block or one longer than {@code out}
     */
    static int uncompress(byte[] in, int from, int to, byte[] out) {
        return uncompress(ByteBuffer.wrap(in), from, to, out);
    }

    /**
     * Uncompresses the block at absolute positions {@code [from, to)} of {@code in} (a heap or direct buffer, so that
     * a page read from a file is not copied into an array first) into {@code out} from 0; returns the uncompressed
     * length.
     *
     * @throws IllegalArgumentException for a malformed block or one longer than {@code out}
     */
    static int uncompress(ByteBuffer in, int from, int to, byte[] out) {
        int n = length(in, from, to);
        if (n > out.length) throw new IllegalArgumentException("a Snappy block of " + n + " bytes, room for " + out.length);
        int p = from;
        while ((in.get(p++) & 0x80) != 0) {
            // skip the length's varint
        }
        int o = 0;
        while (o < n) {
            if (p >= to) throw new IllegalArgumentException("a Snappy block ends early");
            int tag = in.get(p++) & 0xFF;
            int kind = tag & 3;
            if (kind == 0) {
                int len = tag >>> 2;
                if (len >= 60) {
                    int bytes = len - 59;
                    if (p + bytes > to) throw new IllegalArgumentException("a Snappy block ends early");
                    len = 0;
                    for (int k = 0; k < bytes; k++) len |= (in.get(p + k) & 0xFF) << (8 * k);
                    p += bytes;
                }
                len += 1;
                if (len <= 0 || len > to - p || len > n - o)
                    throw new IllegalArgumentException("a Snappy literal past the end");
                in.get(p, out, o, len);
                p += len;
                o += len;
                continue;
            }
            int len;
            int offset;
            if (kind == 1) {
                if (p >= to) throw new IllegalArgumentException("a Snappy block ends early");
                len = 4 + ((tag >>> 2) & 7);
                offset = (tag >>> 5) << 8 | (in.get(p++) & 0xFF);
            } else if (kind == 2) {
                if (p + 2 > to) throw new IllegalArgumentException("a Snappy block ends early");
                len = (tag >>> 2) + 1;
                offset = (in.get(p) & 0xFF) | (in.get(p + 1) & 0xFF) << 8;
                p += 2;
            } else {
                if (p + 4 > to) throw new IllegalArgumentException("a Snappy block ends early");
                len = (tag >>> 2) + 1;
                offset = (in.get(p) & 0xFF) | (in.get(p + 1) & 0xFF) << 8 | (in.get(p + 2) & 0xFF) << 16
                        | (in.get(p + 3) & 0xFF) << 24;
                p += 4;
            }
            if (offset <= 0 || offset > o || len > n - o)
                throw new IllegalArgumentException("a Snappy copy outside the block");
            if (offset >= len) {
                System.arraycopy(out, o - offset, out, o, len);
            } else {
                for (int k = 0; k < len; k++) out[o + k] = out[o - offset + k];
            }
            o += len;
        }
        return n;
    }
}
