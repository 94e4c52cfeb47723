package org.knetsweep.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knetsweep.KnetException;
import org.knetsweep.config.TableConfig;

/**
 * Reads a table's local Parquet files (from {@link TableFiles}), no Spark: only the label, features and order
 * columns, every row checked (a null label or features value, a row of another width, a NaN or infinite feature, a
 * label of another type), each problem one line naming the table, file and row. Rows keep the files' order unless
 * an order column is given, then they are sorted by it (ties in file order).
 * <p>
 * A file of images with flat labels is read by {@link PlainRows}, which needs none of parquet's or Hadoop's classes
 * (an executor's first load then takes about what the binary CIFAR-10 loader takes); every other file, and any file
 * that path gives back (it reads clean files only), by parquet's own readers ({@link ParquetRowReader}), which also
 * word every problem. This class names no parquet type, so that the fast path loads none.
 */
final class TableReader {
    private TableReader() {
    }

    /** The rows of {@code files}, the table {@code uri} set by {@code key}. */
    static RawTable read(List<Path> files, String uri, String key, TableConfig cfg, MemoryBudget budget) {
        String name = "table " + uri + " (" + key + ")";
        long total = 0;
        ParquetFooter[] footers = new ParquetFooter[files.size()];
        ParquetRowReader parquet = null;
        for (int fi = 0; fi < files.size(); fi++) {
            Path f = files.get(fi);
            try {
                footers[fi] = ParquetFooter.read(f);
            } catch (IOException e) {
                throw new KnetException(name + ": " + f.getFileName() + " is not a readable Parquet file: "
                        + oneLine(e), e);
            }
            if (footers[fi] != null) {
                for (ParquetFooter.RowGroup g : footers[fi].rowGroups()) total += g.rows();
            } else {
                // a file the footer reader does not take: parquet's reader counts it, or names its problem
                if (parquet == null) parquet = new ParquetRowReader(name);
                total += parquet.recordCount(f);
            }
        }
        if (total == 0) throw new KnetException(name + " is empty: its files hold no rows");
        if (total > Integer.MAX_VALUE - 8) throw new KnetException(name + " has " + total + " rows; at most 2^31 are read");
        int n = (int) total;
        TableRows rows = null;
        int at = 0;
        ChunkPages.Buffers pages = new ChunkPages.Buffers();
        int[] end = new int[1];
        for (int fi = 0; fi < files.size(); fi++) {
            Path f = files.get(fi);
            if (footers[fi] != null && PlainRows.takes(footers[fi], cfg)) {
                if (rows == null) rows = new TableRows(n, true, cfg.orderColumn(), key.equals("knet.data.train"));
                if (rows.isBytes()) {
                    int next;
                    try {
                        next = PlainRows.read(f, fi, footers[fi], rows, at, cfg, budget, pages);
                    } catch (IOException e) {
                        throw new KnetException(name + ": cannot read " + f.getFileName() + ": " + oneLine(e), e);
                    }
                    if (next >= 0) {
                        at = next;
                        continue;
                    }
                }
            }
            if (parquet == null) parquet = new ParquetRowReader(name);
            try {
                rows = parquet.read(f, fi, parquet.schema(f), rows, at, n, key, cfg, budget, end);
            } catch (KnetException e) {
                throw e;
            } catch (RuntimeException e) { // parquet's own readers on a damaged file: index and argument errors
                throw new KnetException(name + ": cannot read " + f.getFileName() + ", it looks damaged ("
                        + e.getClass().getSimpleName() + ": " + oneLine(e) + ")", e);
            }
            at = end[0];
        }
        return rows.table(uri, key, files);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
