package org.knetsweep.data;

/**
 * A table's rows as read, before labels become classes: the features (bytes for a binary column, else floats),
 * {@code width} per row, and each row's label as the table holds it, a {@code Long} (int and long columns, whole
 * floats) or a {@code String}; {@code where[i]} locates row i for errors (file index in {@code files} in the high
 * 32 bits, row within the file in the low ones).
 */
record RawTable(String uri, String key, byte[] bytes, float[] floats, int width, Object[] labels, long[] where,
                String[] files) {
    int size() {
        return labels.length;
    }

    boolean isBytes() {
        return bytes != null;
    }

    /** "table URI (KEY)", the prefix of this table's errors. */
    String name() {
        return "table " + uri + " (" + key + ")";
    }

    /** "FILE, row R" for row i. */
    String where(int i) {
        return files[(int) (where[i] >>> 32)] + ", row " + (int) where[i];
    }
}
