package org.knetsweep.data;

import java.util.Locale;
import org.knetsweep.KnetException;

/**
 * The memory a table needs in one JVM, checked before its rows are read: each value takes 1 byte (binary column) or
 * 4 (float32) as loaded, twice while an order column reorders them, and the training rows once more as the
 * standardized float32 table every task reads (4 bytes per value). Tables of one data set add up. A need above
 * {@value #USABLE} of the JVM's maximum heap fails with one line saying how much, and what to raise.
 */
public final class MemoryBudget {
    /** The fraction of the maximum heap the data may take (the rest: Spark, the networks, the workspaces). */
    static final double USABLE = 0.8;

    private final long maxBytes;
    private long committed;

    public MemoryBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The budget of this JVM's maximum heap. */
    public static MemoryBudget ofThisJvm() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory());
    }

    /** Bytes a table of {@code rows} rows, {@code width} features each, takes once loaded and standardized. */
    public static long bytesFor(long rows, int width, boolean bytes, boolean ordered, boolean train) {
        long values = rows * width;
        long loaded = values * (bytes ? 1 : 4);
        return loaded * (ordered ? 2 : 1) + (train ? values * 4 : 0);
    }

    /**
     * Adds a table's need ({@code train}: the training table, standardized once more); throws when the running
     * total passes the usable heap.
     */
    void check(long rows, int width, boolean bytes, boolean ordered, boolean train) {
        committed += bytesFor(rows, width, bytes, ordered, train);
        long usable = (long) (maxBytes * USABLE);
        if (committed > usable)
            throw new KnetException(String.format(Locale.ROOT, "the data needs about %,d MB in each executor "
                    + "(this table: %,d rows of %,d features as %s; with a float32 copy of the training rows), more than the %,d MB "
                    + "(%.0f%% of %,d MB heap) it may use; raise spark.executor.memory (for a local master the driver's "
                    + "heap: spark.driver.memory, or JAVA_OPTS=-Xmx...)", committed >> 20, rows, width, bytes ? "bytes" : "float32",
                    usable >> 20, USABLE * 100, maxBytes >> 20));
    }
}
