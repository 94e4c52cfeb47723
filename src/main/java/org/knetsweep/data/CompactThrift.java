package org.knetsweep.data;

import java.nio.charset.StandardCharsets;

/**
 * A reader of Thrift's compact protocol over a byte array: the encoding of a Parquet file's footer and page headers.
 * Only what {@link ParquetFooter} and {@link ChunkPages} need: struct fields by id, integers, strings, lists, and
 * skipping anything else. A malformed input throws {@link Malformed}.
 */
final class CompactThrift {
    static final int STOP = 0;
    static final int TRUE = 1;
    static final int FALSE = 2;
    static final int BYTE = 3;
    static final int I16 = 4;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int DOUBLE = 7;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int SET = 10;
    static final int MAP = 11;
    static final int STRUCT = 12;

    private final byte[] b;
    private int pos;
    private final int end;
    private final int[] ids = new int[64];
    private int depth;
    /** The current field's id and type, set by {@link #nextField()}. */
    int id;
    int type;

    CompactThrift(byte[] b, int from, int to) {
        this.b = b;
        this.pos = from;
        this.end = to;
    }

    /** The position after the last byte read. */
    int position() {
        return pos;
    }

    /** Enters a struct: its fields' ids start from 0. */
    void begin() {
        if (depth == ids.length) throw new Malformed("structs nested too deep");
        ids[depth++] = id;
        id = 0;
    }

    /** Moves to the struct's next field; false at its end (and leaves the struct). */
    boolean nextField() {
        int h = u8();
        if (h == STOP) {
            id = ids[--depth];
            return false;
        }
        type = h & 0x0F;
        int delta = h >>> 4;
        id = delta == 0 ? (short) zigzag((int) varint()) : id + delta;
        return true;
    }

    int i32() {
        return zigzag((int) varint());
    }

    long i64() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    boolean bool() {
        return type == TRUE;
    }

    String string() {
        int n = length();
        String s = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** A list's header: returns its size and sets {@link #type} to the elements' type. */
    int list() {
        int h = u8();
        int n = h >>> 4;
        type = h & 0x0F;
        if (n == 15) n = length();
        return n;
    }

    /** Skips a value of the current {@link #type}. */
    void skip() {
        skip(type);
    }

    private void skip(int t) {
        switch (t) {
            case TRUE, FALSE -> {
                // in a struct the value is the type; in a list (type set by list()) one byte
            }
            case BYTE -> advance(1);
            case I16, I32, I64 -> varint();
            case DOUBLE -> advance(8);
            case BINARY -> advance(length());
            case LIST, SET -> {
                int n = list();
                int et = type;
                for (int i = 0; i < n; i++) skipElement(et);
            }
            case MAP -> {
                int n = length();
                if (n > 0) {
                    int kv = u8();
                    for (int i = 0; i < n; i++) {
                        skipElement(kv >>> 4);
                        skipElement(kv & 0x0F);
                    }
                }
            }
            case STRUCT -> {
                begin();
                while (nextField()) skip();
            }
            default -> throw new Malformed("field type " + t);
        }
    }

    private void skipElement(int t) {
        if (t == TRUE || t == FALSE) advance(1);
        else skip(t);
    }

    private int length() {
        long n = varint();
        if (n < 0 || n > end - pos) throw new Malformed("a length of " + n + " past the end");
        return (int) n;
    }

    private void advance(int n) {
        if (n > end - pos) throw new Malformed("past the end");
        pos += n;
    }

    private int u8() {
        if (pos >= end) throw new Malformed("past the end");
        return b[pos++] & 0xFF;
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = u8();
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return v;
        }
        throw new Malformed("a varint longer than 10 bytes");
    }

    private static int zigzag(int v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Bytes that are not the expected Thrift structure (or end before it does). */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
