package org.knetsweep.model;

import java.util.List;

/**
 * One raw array of a model artifact: its name (W1, b3, gamma1, mu1, mean, ...), its shape, its NumPy dtype
 * ({@code <f4} or {@code <f8}: little-endian float32 or float64), the file holding it (C order, no header), the
 * file's size in bytes and the SHA-256 of its content (64 lower-case hex digits; null in manifests written before
 * knet-sweep recorded it).
 */
public record ArrayEntry(String name, List<Integer> shape, String dtype, String file, long bytes, String sha256) {
    public static final String FLOAT32 = "<f4";
    public static final String FLOAT64 = "<f8";

    public ArrayEntry {
        shape = List.copyOf(shape);
    }

    /** An entry for {@code name} stored in {@code name.bin}, its hash not yet known. */
    public static ArrayEntry of(String name, List<Integer> shape, String dtype) {
        return new ArrayEntry(name, shape, dtype, name + ".bin", elements(shape) * itemSize(dtype), null);
    }

    /** This entry with the SHA-256 of its file's content. */
    public ArrayEntry withSha256(String hex) {
        return new ArrayEntry(name, shape, dtype, file, bytes, hex);
    }

    /** Bytes per value of a dtype, or -1 for a dtype this format does not use. */
    public static int itemSize(String dtype) {
        return switch (dtype) {
            case FLOAT32 -> 4;
            case FLOAT64 -> 8;
            default -> -1;
        };
    }

    public long elements() {
        return elements(shape);
    }

    private static long elements(List<Integer> shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
