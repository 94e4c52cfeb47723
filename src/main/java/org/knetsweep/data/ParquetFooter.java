package org.knetsweep.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link PlainRows} needs of a Parquet file's footer (its Thrift {@code FileMetaData}), read with
 * {@link CompactThrift} and no parquet classes: the row count, the top-level fields and the row groups' column
 * chunks. {@link #read} returns null for a file this reader does not take (no "PAR1" magic, an encrypted footer,
 * malformed metadata): parquet's own reader then reads it and names the problem.
 */
record ParquetFooter(long rows, String createdBy, Map<String, Field> fields, List<RowGroup> rowGroups) {
    /** Parquet's physical types, as numbered in parquet.thrift. */
    static final int INT32 = 1;
    static final int INT64 = 2;
    static final int FLOAT = 4;
    static final int DOUBLE = 5;
    static final int BYTE_ARRAY = 6;
    static final int REQUIRED = 0;
    static final int REPEATED = 2;

    /** A top-level field: a group (nested type) or a primitive with its type, repetition and string annotation. */
    record Field(String name, boolean group, int type, int repetition, boolean string) {
    }

    /** One row group: its row count and its column chunks by top-level column name (flat columns only). */
    record RowGroup(long rows, Map<String, Chunk> chunks) {
    }

    /** One column chunk: where its pages are, how they are compressed, how many values. */
    record Chunk(int type, int codec, long values, long start, long length) {
    }

    private static final int MAGIC = 0x31524150; // "PAR1" little-endian

    /** The footer of {@code file}, or null when this reader does not take the file. */
    static ParquetFooter read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 12) return null;
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, tail, size - 8);
            int length = tail.getInt(0);
            if (tail.getInt(4) != MAGIC || length <= 0 || length > size - 12) return null;
            byte[] meta = new byte[length];
            readFully(ch, ByteBuffer.wrap(meta), size - 8 - length);
            try {
                return parse(meta);
            } catch (CompactThrift.Malformed | IllegalArgumentException e) {
                return null;
            }
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) throw new IOException("the file ends before byte " + (at + buf.remaining()));
            at += n;
        }
    }

    private static ParquetFooter parse(byte[] meta) {
        CompactThrift t = new CompactThrift(meta, 0, meta.length);
        long rows = -1;
        String createdBy = "";
        List<Element> schema = null;
        List<RowGroup> groups = new ArrayList<>();
        boolean ok = true;
        t.begin();
        while (t.nextField()) {
            switch (t.id) {
                case 2 -> {
                    int n = t.list();
                    schema = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) schema.add(element(t));
                }
                case 3 -> rows = t.i64();
                case 4 -> {
                    int n = t.list();
                    for (int i = 0; i < n; i++) {
                        RowGroup g = rowGroup(t);
                        if (g == null) ok = false;
                        else groups.add(g);
                    }
                }
                case 6 -> createdBy = t.string();
                case 8 -> { // encryption_algorithm: columns may be encrypted
                    t.skip();
                    ok = false;
                }
                default -> t.skip();
            }
        }
        if (!ok || rows < 0 || schema == null || schema.isEmpty()) return null;
        Map<String, Field> fields = topLevel(schema);
        return fields == null ? null : new ParquetFooter(rows, createdBy, fields, groups);
    }

    /** A SchemaElement's fields that matter here. */
    private record Element(String name, int type, int repetition, int children, boolean string) {
    }

    private static Element element(CompactThrift t) {
        int type = -1;
        int repetition = REQUIRED;
        int children = -1;
        int converted = -1;
        int logical = -1;
        String name = null;
        t.begin();
        while (t.nextField()) {
            switch (t.id) {
                case 1 -> type = t.i32();
                case 3 -> repetition = t.i32();
                case 4 -> name = t.string();
                case 5 -> children = t.i32();
                case 6 -> converted = t.i32();
                case 10 -> logical = union(t);
                default -> t.skip();
            }
        }
        if (name == null) throw new CompactThrift.Malformed("a schema element without a name");
        // parquet takes the logical type when there is one, else the converted type (UTF8 = 0)
        boolean string = logical >= 0 ? logical == 1 : converted == 0;
        return new Element(name, type, repetition, children, string);
    }

    /** The id of the member a Thrift union sets (LogicalType: 1 = STRING), skipping its value. */
    private static int union(CompactThrift t) {
        int member = -1;
        t.begin();
        while (t.nextField()) {
            member = t.id;
            t.skip();
        }
        return member;
    }

    /** The root's children, by name; null when the schema's tree does not add up. */
    private static Map<String, Field> topLevel(List<Element> schema) {
        Map<String, Field> fields = new HashMap<>();
        int n = Math.max(schema.get(0).children(), 0);
        int at = 1;
        for (int k = 0; k < n; k++) {
            if (at >= schema.size()) return null;
            Element e = schema.get(at);
            boolean group = e.children() >= 0;
            fields.putIfAbsent(e.name(), new Field(e.name(), group, e.type(), e.repetition(), e.string()));
            at = subtreeEnd(schema, at);
            if (at < 0) return null;
        }
        return at == schema.size() ? fields : null;
    }

    /** The index after the subtree rooted at {@code at}, or -1. */
    private static int subtreeEnd(List<Element> schema, int at) {
        int children = schema.get(at).children();
        int next = at + 1;
        for (int k = 0; k < children; k++) {
            if (next >= schema.size()) return -1;
            next = subtreeEnd(schema, next);
            if (next < 0) return -1;
        }
        return next;
    }

    private static RowGroup rowGroup(CompactThrift t) {
        long rows = -1;
        Map<String, Chunk> chunks = new HashMap<>();
        boolean ok = true;
        t.begin();
        while (t.nextField()) {
            switch (t.id) {
                case 1 -> {
                    int n = t.list();
                    for (int i = 0; i < n; i++) {
                        String[] path = new String[1];
                        Chunk c = chunk(t, path);
                        if (c == null) ok = false;
                        else if (path[0] != null) chunks.put(path[0], c);
                    }
                }
                case 3 -> rows = t.i64();
                default -> t.skip();
            }
        }
        return ok && rows >= 0 ? new RowGroup(rows, chunks) : null;
    }

    /** A ColumnChunk; {@code path[0]} set to its column's name when the column is top-level. */
    private static Chunk chunk(CompactThrift t, String[] path) {
        Chunk c = null;
        boolean external = false;
        t.begin();
        while (t.nextField()) {
            switch (t.id) {
                case 1 -> {
                    t.skip(); // file_path: the chunk is in another file
                    external = true;
                }
                case 3 -> c = columnMeta(t, path);
                default -> t.skip();
            }
        }
        return external ? null : c;
    }

    private static Chunk columnMeta(CompactThrift t, String[] path) {
        int type = -1;
        int codec = -1;
        long values = -1;
        long dataPage = -1;
        long dictionaryPage = -1;
        long length = -1;
        t.begin();
        while (t.nextField()) {
            switch (t.id) {
                case 1 -> type = t.i32();
                case 3 -> {
                    int n = t.list();
                    String first = null;
                    for (int i = 0; i < n; i++) {
                        String s = t.string();
                        if (i == 0) first = s;
                    }
                    path[0] = n == 1 ? first : null;
                }
                case 4 -> codec = t.i32();
                case 5 -> values = t.i64();
                case 7 -> length = t.i64();
                case 9 -> dataPage = t.i64();
                case 11 -> dictionaryPage = t.i64();
                default -> t.skip();
            }
        }
        if (values < 0 || dataPage < 0 || length < 0) return null;
        // some writers set a dictionary offset of 0 for chunks without one
        long start = dictionaryPage > 0 && dictionaryPage < dataPage ? dictionaryPage : dataPage;
        return new Chunk(type, codec, values, start, length);
    }
}
