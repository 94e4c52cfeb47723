package org.knetsweep.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming reader of the tar format (POSIX ustar, old GNU, v7): 512-byte headers with checksum, the
 * ustar name prefix, GNU long names ('L') and the path of pax extended headers ('x'). Use {@link #next()} to move to
 * the next entry and optionally {@link #copyTo(OutputStream)} to read its data; unread data is skipped.
 * A stream that ends inside a header or an entry's data raises {@link EOFException}; a malformed header raises
 * {@link TarFormatException}. Package-private: only {@link Cifar10Archive} uses it.
 */
final class TarReader {
    static final int BLOCK = 512;
    /** Largest GNU long name or pax header accepted (a corrupt size field must not allocate gigabytes). */
    private static final int MAX_META = 1 << 20;

    /** One archive entry: its path as stored, data size in bytes and type flag ('0' regular file, '5' dir, ...). */
    record Entry(String name, long size, char type) {
        boolean isRegularFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    /** A tar header that is not well formed. */
    static final class TarFormatException extends IOException {
        TarFormatException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final byte[] block = new byte[BLOCK];
    private final byte[] copyBuf = new byte[1 << 16];
    private long offset;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** Bytes of tar data consumed so far. */
    long offset() {
        return offset;
    }

    /** The next entry, or null at the end-of-archive marker or when the stream ends cleanly between entries. */
    Entry next() throws IOException {
        skipFully(remaining + padding);
        remaining = padding = 0;
        String longName = null;
        String paxPath = null;
        while (true) {
            long headerOffset = offset;
            if (!readBlock()) return null;
            if (isZero(block)) return null;
            verifyChecksum(block, headerOffset);
            char type = (char) (block[156] & 0xFF);
            long size = number(block, 124, 12, headerOffset, "size");
            long dataSize = hasData(type) ? size : 0;
            if (type == 'L' || type == 'x') {
                byte[] meta = readMeta(dataSize, headerOffset);
                if (type == 'L') longName = cString(meta, 0, meta.length);
                else paxPath = paxValue(meta, "path", paxPath);
                continue;
            }
            if (type == 'K' || type == 'g') {
                skipFully(dataSize + pad(dataSize));
                continue;
            }
            String name = paxPath != null ? paxPath : longName != null ? longName : headerName(block);
            remaining = dataSize;
            padding = pad(dataSize);
            return new Entry(name, dataSize, type);
        }
    }

    /** Copies the current entry's data to {@code out}. */
    void copyTo(OutputStream out) throws IOException {
        while (remaining > 0) {
            int n = in.read(copyBuf, 0, (int) Math.min(copyBuf.length, remaining));
            if (n < 0) throw new EOFException("archive ends inside an entry's data, " + remaining + " bytes missing");
            out.write(copyBuf, 0, n);
            remaining -= n;
            offset += n;
        }
    }

    /** Entry types whose size field counts data blocks that follow the header. */
    static boolean hasData(char type) {
        return !(type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6');
    }

    static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    /** The entry name of a header: ustar prefix + "/" + name when the POSIX ustar magic is present. */
    static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean posix = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r'
                && h[262] == 0;
        String prefix = posix ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Checks the header checksum: the sum of all bytes with the checksum field read as spaces. */
    static void verifyChecksum(byte[] h, long headerOffset) throws TarFormatException {
        long stored = number(h, 148, 8, headerOffset, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : h[i];
            unsigned += b & 0xFF;
            signed += (byte) b;
        }
        if (stored != unsigned && stored != signed)
            throw new TarFormatException("bad tar header checksum at byte " + headerOffset + " of the tar data"
                    + " (stored " + stored + ", computed " + unsigned + ")");
    }

    /** A numeric header field: octal digits (space/NUL padded), or GNU base-256 when the high bit is set. */
    static long number(byte[] h, int off, int len, long headerOffset, String field) throws TarFormatException {
        if ((h[off] & 0x80) != 0) {
            if ((h[off] & 0x40) != 0) throw bad(field, headerOffset, "negative base-256 value");
            long v = h[off] & 0x3F;
            for (int i = off + 1; i < off + len; i++) {
                if (v >>> 55 != 0) throw bad(field, headerOffset, "base-256 value too large");
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        }
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) i++;
        long v = 0;
        int digits = 0;
        for (; i < end && h[i] != ' ' && h[i] != 0; i++, digits++) {
            if (h[i] < '0' || h[i] > '7') throw bad(field, headerOffset, "not an octal number");
            v = (v << 3) | (h[i] - '0');
        }
        for (; i < end; i++)
            if (h[i] != ' ' && h[i] != 0) throw bad(field, headerOffset, "not an octal number");
        if (digits == 0 && !field.equals("size")) throw bad(field, headerOffset, "empty");
        return v;
    }

    /** The value of {@code key} in pax extended header records ("LEN key=value\n"), else {@code fallback}. */
    static String paxValue(byte[] data, String key, String fallback) throws TarFormatException {
        String result = fallback;
        int pos = 0;
        while (pos < data.length && data[pos] != 0) {
            int sp = pos;
            int len = 0;
            while (sp < data.length && data[sp] >= '0' && data[sp] <= '9' && len < MAX_META)
                len = len * 10 + (data[sp++] - '0');
            if (sp >= data.length || data[sp] != ' ' || len <= sp - pos + 1 || pos + len > data.length)
                throw new TarFormatException("malformed pax extended header");
            String record = new String(data, sp + 1, pos + len - sp - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0 && record.substring(0, eq).equals(key)) result = record.substring(eq + 1);
            pos += len;
        }
        return result;
    }

    static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static TarFormatException bad(String field, long headerOffset, String what) {
        return new TarFormatException("corrupt tar header at byte " + headerOffset + " of the tar data: " + field
                + " field " + what);
    }

    private byte[] readMeta(long size, long headerOffset) throws IOException {
        if (size > MAX_META)
            throw new TarFormatException("corrupt tar header at byte " + headerOffset + ": extended name of "
                    + size + " bytes");
        byte[] data = in.readNBytes((int) size);
        offset += data.length;
        if (data.length < size) throw new EOFException("archive ends inside an extended header");
        skipFully(pad(size));
        return data;
    }

    /** Reads one 512-byte block; false if the stream ends before its first byte. */
    private boolean readBlock() throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        offset += n;
        if (n == 0) return false;
        if (n < BLOCK) throw new EOFException("archive ends inside a tar header");
        return true;
    }

    private void skipFully(long n) throws IOException {
        while (n > 0) {
            int r = in.read(copyBuf, 0, (int) Math.min(copyBuf.length, n));
            if (r < 0) throw new EOFException("archive ends inside an entry's data, " + n + " bytes missing");
            n -= r;
            offset += r;
        }
    }
}
