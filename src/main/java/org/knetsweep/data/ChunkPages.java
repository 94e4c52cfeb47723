package org.knetsweep.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.GZIPInputStream;

/**
 * The values of one flat column chunk of a Parquet file, page by page, each handed to a {@link Sink} as the bytes
 * of its PLAIN encoding (a little-endian number, or a byte array's bytes): data pages v1 and v2, PLAIN or dictionary
 * encoded (PLAIN_DICTIONARY, RLE_DICTIONARY), uncompressed, Snappy ({@link SnappyRaw}) or GZIP. The page buffers
 * are the caller's {@link Buffers}, reused from page to page and file to file. Anything else (another encoding or
 * codec, a null value, a malformed page) throws {@link Unsupported}: the caller then reads the file with parquet's
 * own reader, which reads it or names the problem.
 */
final class ChunkPages {
    /** Receives value {@code index} of the chunk: {@code len} bytes at {@code b[off]}. */
    interface Sink {
        void value(int index, byte[] b, int off, int len);
    }

    /** Page buffers, grown as needed and kept for the next page. For one reader at a time. */
    static final class Buffers {
        byte[] header = new byte[16 * 1024];
        /** A page as read from the file (direct: read without the JDK's own copy through a direct buffer). */
        ByteBuffer raw = ByteBuffer.allocateDirect(0);
        byte[] levels = new byte[0];
        byte[] page = new byte[0];
        byte[] dictionary = new byte[0];
        int[] dictionaryOffsets = new int[0];

        static byte[] atLeast(byte[] b, int n) {
            return b.length >= n ? b : new byte[Math.max(n, b.length + b.length / 2)];
        }

        ByteBuffer raw(int n) {
            if (raw.capacity() < n) raw = ByteBuffer.allocateDirect(Math.max(n, raw.capacity() + raw.capacity() / 2));
            return raw.clear().limit(n);
        }
    }

    /** A file or page this reader does not take; parquet's reader does. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private static final int DATA_PAGE = 0;
    private static final int INDEX_PAGE = 1;
    private static final int DICTIONARY_PAGE = 2;
    private static final int DATA_PAGE_V2 = 3;
    private static final int PLAIN = 0;
    private static final int PLAIN_DICTIONARY = 2;
    private static final int RLE = 3;
    private static final int RLE_DICTIONARY = 8;
    private static final int UNCOMPRESSED = 0;
    private static final int SNAPPY = 1;
    private static final int GZIP = 2;

    private ChunkPages() {
    }

    /** True for the codecs this reader uncompresses. */
    static boolean codec(int codec) {
        return codec == UNCOMPRESSED || codec == SNAPPY || codec == GZIP;
    }

    /**
     * Hands every value of {@code chunk} to {@code sink} in order; {@code optional}: the column has definition levels
     * (at most 1: a top-level optional column), every one of which must say "defined".
     */
    static void read(FileChannel ch, ParquetFooter.Chunk chunk, boolean optional, Buffers buf, Sink sink)
            throws IOException {
        int width = switch (chunk.type()) {
            case ParquetFooter.INT32, ParquetFooter.FLOAT -> 4;
            case ParquetFooter.INT64, ParquetFooter.DOUBLE -> 8;
            case ParquetFooter.BYTE_ARRAY -> -1;
            default -> throw new Unsupported("physical type " + chunk.type());
        };
        long pos = chunk.start();
        long end = chunk.start() + chunk.length();
        long total = chunk.values();
        int dictionarySize = -1;
        int index = 0;
        while (index < total) {
            if (pos >= end) throw new Unsupported("the chunk ends after " + index + " of " + total + " values");
            Header h = header(ch, pos, end, buf);
            pos += h.length;
            if (h.compressed < 0 || h.compressed > end - pos || h.uncompressed < 0)
                throw new Unsupported("a page past its chunk");
            if (h.type == INDEX_PAGE || (h.type != DATA_PAGE && h.type != DATA_PAGE_V2 && h.type != DICTIONARY_PAGE)) {
                pos += h.compressed;
                continue;
            }
            ByteBuffer raw = buf.raw(h.compressed);
            ParquetFooter.readFully(ch, raw, pos);
            pos += h.compressed;
            if (h.type == DICTIONARY_PAGE) {
                if (h.encoding != PLAIN && h.encoding != PLAIN_DICTIONARY)
                    throw new Unsupported("a dictionary page of encoding " + h.encoding);
                byte[] page = uncompress(chunk.codec(), raw, 0, h.compressed, h.uncompressed, buf);
                dictionarySize = dictionary(page, h.uncompressed, h.values, width, buf);
                continue;
            }
            int p = 0;
            int valuesEnd;
            byte[] page;
            if (h.type == DATA_PAGE) {
                page = uncompress(chunk.codec(), raw, 0, h.compressed, h.uncompressed, buf);
                valuesEnd = h.uncompressed;
                if (optional) {
                    if (h.levelEncoding != RLE) throw new Unsupported("definition levels of encoding " + h.levelEncoding);
                    if (valuesEnd < 4) throw new Unsupported("a page without its definition levels");
                    int n = le32(page, 0);
                    if (n < 0 || n > valuesEnd - 4) throw new Unsupported("definition levels past the page");
                    allDefined(page, 4, 4 + n, h.values);
                    p = 4 + n;
                }
            } else {
                if (h.repLength != 0 || h.defLength < 0 || h.defLength > h.compressed || h.nulls > 0)
                    throw new Unsupported("a v2 page with nulls or repetition levels");
                if (optional) {
                    buf.levels = Buffers.atLeast(buf.levels, h.defLength);
                    raw.get(0, buf.levels, 0, h.defLength);
                    allDefined(buf.levels, 0, h.defLength, h.values);
                } else if (h.defLength != 0) {
                    throw new Unsupported("definition levels in a required column");
                }
                int levels = h.defLength;
                int codec = h.valuesCompressed ? chunk.codec() : UNCOMPRESSED;
                int size = h.valuesCompressed ? h.uncompressed - levels : h.compressed - levels;
                page = uncompress(codec, raw, levels, h.compressed, size, buf);
                valuesEnd = size;
            }
            if (h.values > total - index) throw new Unsupported("more values in the pages than in the chunk");
            if (h.encoding == PLAIN) {
                index = plain(page, p, valuesEnd, h.values, width, index, sink);
            } else if (h.encoding == PLAIN_DICTIONARY || h.encoding == RLE_DICTIONARY) {
                if (dictionarySize < 0) throw new Unsupported("a dictionary-encoded page without a dictionary");
                if (p >= valuesEnd) throw new Unsupported("a dictionary page without its bit width");
                int bits = page[p] & 0xFF;
                if (bits > 32) throw new Unsupported("dictionary indices of " + bits + " bits");
                Hybrid ids = new Hybrid(page, p + 1, valuesEnd, bits);
                for (int k = 0; k < h.values; k++, index++) {
                    int id = ids.next();
                    if (id < 0 || id >= dictionarySize) throw new Unsupported("a dictionary index out of range");
                    int off = buf.dictionaryOffsets[id];
                    int len = buf.dictionaryOffsets[id + 1] - off - (width < 0 ? 4 : 0);
                    sink.value(index, buf.dictionary, width < 0 ? off + 4 : off, len);
                }
            } else {
                throw new Unsupported("a data page of encoding " + h.encoding);
            }
        }
    }

    /** The PLAIN values of a page, handed on; returns the index after the last. */
    private static int plain(byte[] page, int p, int end, int count, int width, int index, Sink sink) {
        for (int k = 0; k < count; k++, index++) {
            int len = width;
            if (width < 0) {
                if (end - p < 4) throw new Unsupported("a value past the page");
                len = le32(page, p);
                p += 4;
            }
            if (len < 0 || len > end - p) throw new Unsupported("a value past the page");
            sink.value(index, page, p, len);
            p += len;
        }
        return index;
    }

    /** Keeps a dictionary page's values (PLAIN) and their offsets; returns their count. */
    private static int dictionary(byte[] page, int end, int count, int width, Buffers buf) {
        if (count < 0 || count > end / (width < 0 ? 4 : width))
            throw new Unsupported("a dictionary of " + count + " values in " + end + " bytes");
        buf.dictionary = Buffers.atLeast(buf.dictionary, end);
        System.arraycopy(page, 0, buf.dictionary, 0, end);
        if (buf.dictionaryOffsets.length < count + 1) buf.dictionaryOffsets = new int[count + 1];
        int p = 0;
        for (int k = 0; k < count; k++) {
            buf.dictionaryOffsets[k] = p;
            int len = width;
            if (width < 0) {
                if (end - p < 4) throw new Unsupported("a dictionary value past the page");
                len = 4 + le32(page, p);
            }
            if (len < 0 || len > end - p) throw new Unsupported("a dictionary value past the page");
            p += len;
        }
        buf.dictionaryOffsets[count] = p;
        return count;
    }

    /** Checks that {@code count} definition levels (bit width 1) at {@code b[from..to)} are all 1. */
    private static void allDefined(byte[] b, int from, int to, int count) {
        Hybrid levels = new Hybrid(b, from, to, 1);
        for (int k = 0; k < count; k++)
            if (levels.next() != 1) throw new Unsupported("a null value");
    }

    /** The bytes at {@code in[from..to)} uncompressed into {@code buf.page}, which is returned. */
    private static byte[] uncompress(int codec, ByteBuffer in, int from, int to, int size, Buffers buf)
            throws IOException {
        if (size < 0) throw new Unsupported("a page of " + size + " bytes");
        // sizes checked before the buffer grows: a corrupt header must not claim gigabytes
        if (codec == UNCOMPRESSED && to - from != size)
            throw new Unsupported("an uncompressed page whose sizes differ");
        if (codec == SNAPPY) {
            try {
                if (SnappyRaw.length(in, from, to) != size)
                    throw new Unsupported("a Snappy page whose sizes differ");
            } catch (IllegalArgumentException e) {
                throw new Unsupported(e.getMessage());
            }
        }
        if (codec == GZIP && size > 1032L * (to - from) + 64)
            throw new Unsupported("a GZIP page of " + size + " bytes from " + (to - from));
        buf.page = Buffers.atLeast(buf.page, size);
        if (codec == UNCOMPRESSED) {
            in.get(from, buf.page, 0, size);
            return buf.page;
        }
        int n;
        if (codec == SNAPPY) {
            try {
                n = SnappyRaw.uncompress(in, from, to, buf.page);
            } catch (IllegalArgumentException e) {
                throw new Unsupported(e.getMessage());
            }
        } else if (codec == GZIP) {
            byte[] bytes = new byte[to - from];
            in.get(from, bytes, 0, bytes.length);
            try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                n = z.readNBytes(buf.page, 0, size);
                if (z.read() >= 0) throw new Unsupported("a GZIP page longer than its header says");
            }
        } else {
            throw new Unsupported("codec " + codec);
        }
        if (n != size) throw new Unsupported("a page of " + n + " bytes, its header says " + size);
        return buf.page;
    }

    static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    /** A page header's fields that matter here. */
    private static final class Header {
        int length;
        int type = -1;
        int uncompressed = -1;
        int compressed = -1;
        int values = -1;
        int encoding = -1;
        int levelEncoding = RLE;
        int nulls;
        int defLength;
        int repLength;
        boolean valuesCompressed = true;
    }

    /** Reads the page header at {@code pos}, growing the window when the header is longer than it. */
    private static Header header(FileChannel ch, long pos, long end, Buffers buf) throws IOException {
        int window = (int) Math.min(buf.header.length, end - pos);
        while (true) {
            ByteBuffer bb = ByteBuffer.wrap(buf.header, 0, window);
            ParquetFooter.readFully(ch, bb, pos);
            try {
                return parseHeader(new CompactThrift(buf.header, 0, window));
            } catch (CompactThrift.Malformed e) {
                if (window >= end - pos || window >= 64 * 1024 * 1024) throw new Unsupported(e.getMessage());
                buf.header = new byte[buf.header.length * 4];
                window = (int) Math.min(buf.header.length, end - pos);
            }
        }
    }

    private static Header parseHeader(CompactThrift t) {
        Header h = new Header();
        t.begin();
        while (t.nextField()) {
            switch (t.id) {
                case 1 -> h.type = t.i32();
                case 2 -> h.uncompressed = t.i32();
                case 3 -> h.compressed = t.i32();
                case 5 -> { // DataPageHeader
                    t.begin();
                    while (t.nextField()) {
                        switch (t.id) {
                            case 1 -> h.values = t.i32();
                            case 2 -> h.encoding = t.i32();
                            case 3 -> h.levelEncoding = t.i32();
                            default -> t.skip();
                        }
                    }
                }
                case 7 -> { // DictionaryPageHeader
                    t.begin();
                    while (t.nextField()) {
                        switch (t.id) {
                            case 1 -> h.values = t.i32();
                            case 2 -> h.encoding = t.i32();
                            default -> t.skip();
                        }
                    }
                }
                case 8 -> { // DataPageHeaderV2
                    t.begin();
                    while (t.nextField()) {
                        switch (t.id) {
                            case 1 -> h.values = t.i32();
                            case 2 -> h.nulls = t.i32();
                            case 4 -> h.encoding = t.i32();
                            case 5 -> h.defLength = t.i32();
                            case 6 -> h.repLength = t.i32();
                            case 7 -> h.valuesCompressed = t.bool();
                            default -> t.skip();
                        }
                    }
                }
                default -> t.skip();
            }
        }
        h.length = t.position();
        if (h.type < 0 || h.values < 0 && h.type != INDEX_PAGE)
            throw new Unsupported("a page header without its type or value count");
        return h;
    }

    /** Parquet's RLE / bit-packed hybrid encoding of small integers, without a length prefix. */
    static final class Hybrid {
        private final byte[] b;
        private int p;
        private final int end;
        private final int bits;
        private int left;
        private boolean packed;
        private int value;
        private int packedStart;
        private int bit;

        Hybrid(byte[] b, int from, int to, int bits) {
            this.b = b;
            this.p = from;
            this.end = to;
            this.bits = bits;
        }

        int next() {
            if (left == 0) run();
            left--;
            if (!packed) return value;
            int v = 0;
            for (int k = 0; k < bits; ) {
                int at = packedStart + (bit >>> 3);
                int off = bit & 7;
                int take = Math.min(8 - off, bits - k);
                v |= ((b[at] & 0xFF) >>> off & ((1 << take) - 1)) << k;
                k += take;
                bit += take;
            }
            return v;
        }

        private void run() {
            long h = 0;
            for (int shift = 0; ; shift += 7) {
                if (p >= end || shift > 28) throw new Unsupported("levels or indices past the page");
                int x = b[p++] & 0xFF;
                h |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) break;
            }
            if ((h & 1) == 0) {
                left = (int) (h >>> 1);
                packed = false;
                int bytes = (bits + 7) / 8;
                if (bytes > end - p) throw new Unsupported("levels or indices past the page");
                value = 0;
                for (int k = 0; k < bytes; k++) value |= (b[p + k] & 0xFF) << (8 * k);
                p += bytes;
            } else {
                long groups = h >>> 1;
                if (groups * bits > end - p) throw new Unsupported("levels or indices past the page");
                left = (int) (groups * 8);
                packed = true;
                packedStart = p;
                bit = 0;
                p += (int) (groups * bits);
            }
            if (left == 0) run();
        }
    }
}
