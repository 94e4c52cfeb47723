package org.knetsweep.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.knetsweep.config.TableConfig;

/**
 * The fast path of {@link TableReader} for a file whose features column is binary (images) and whose label and
 * order columns are flat numbers or strings: its footer ({@link ParquetFooter}) and pages ({@link ChunkPages}) read
 * without parquet's classes, each image copied from its page straight into the table's array, the page buffers
 * reused. It reads a clean file only: at the first thing it does not take (a null, a label that is not a whole
 * number, a row of another width, another encoding) it gives the file back, and {@link TableReader} reads it with
 * parquet's reader, which names the problem in the same words as for any other file.
 */
final class PlainRows {
    private PlainRows() {
    }

    /** True when this path takes the file's label, features and order columns (by their types). */
    static boolean takes(ParquetFooter foot, TableConfig cfg) {
        ParquetFooter.Field label = foot.fields().get(cfg.labelColumn());
        ParquetFooter.Field features = foot.fields().get(cfg.featuresColumn());
        ParquetFooter.Field order = cfg.orderColumn().isEmpty() ? null : foot.fields().get(cfg.orderColumn());
        if (!flat(label) || !flat(features) || !cfg.orderColumn().isEmpty() && !flat(order)) return false;
        boolean labelType = switch (label.type()) {
            case ParquetFooter.INT32, ParquetFooter.INT64, ParquetFooter.FLOAT, ParquetFooter.DOUBLE -> true;
            case ParquetFooter.BYTE_ARRAY -> label.string();
            default -> false;
        };
        if (!labelType || features.type() != ParquetFooter.BYTE_ARRAY || features.string()) return false;
        if (order != null && order.type() != ParquetFooter.INT32 && order.type() != ParquetFooter.INT64) return false;
        for (ParquetFooter.RowGroup g : foot.rowGroups())
            for (ParquetFooter.Field f : new ParquetFooter.Field[] {label, features, order}) {
                if (f == null) continue;
                ParquetFooter.Chunk c = g.chunks().get(f.name());
                if (c == null || c.type() != f.type() || !ChunkPages.codec(c.codec()) || c.values() != g.rows())
                    return false;
            }
        return true;
    }

    private static boolean flat(ParquetFooter.Field f) {
        return f != null && !f.group() && f.repetition() != ParquetFooter.REPEATED;
    }

    /**
     * Reads file {@code fi}, {@code f}, into {@code rows} from row {@code at}: returns the index after its last row,
     * or -1 when the file needs parquet's reader (then the rows from {@code at} are to be read again).
     *
     * @throws org.knetsweep.KnetException when the table is too large for this JVM (from {@link MemoryBudget})
     */
    static int read(Path f, int fi, ParquetFooter foot, TableRows rows, int at, TableConfig cfg,
                    MemoryBudget budget, ChunkPages.Buffers buf) throws IOException {
        ParquetFooter.Field label = foot.fields().get(cfg.labelColumn());
        ParquetFooter.Field features = foot.fields().get(cfg.featuresColumn());
        ParquetFooter.Field order = cfg.orderColumn().isEmpty() ? null : foot.fields().get(cfg.orderColumn());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            int row = 0;
            for (ParquetFooter.RowGroup g : foot.rowGroups()) {
                int base = at + row;
                int n = (int) g.rows();
                // labels first, then features, then order, as the record path checks a row; a problem in any gives
                // the file back before the next column is read, so that the error is the one that path reports
                ChunkPages.read(ch, g.chunks().get(label.name()), optional(label), buf, labels(rows, base, label, cfg));
                ChunkPages.read(ch, g.chunks().get(features.name()), optional(features), buf,
                        (i, b, off, len) -> rows.putBytes(base + i, b, off, len, cfg, budget));
                if (order != null)
                    ChunkPages.read(ch, g.chunks().get(order.name()), optional(order), buf,
                            (i, b, off, len) -> rows.order[base + i] = number(b, off, len));
                for (int k = 0; k < n; k++) rows.where[base + k] = (long) fi << 32 | (row + k);
                row += n;
            }
            return at + row;
        } catch (ChunkPages.Unsupported | RowProblem e) {
            return -1;
        }
    }

    private static boolean optional(ParquetFooter.Field f) {
        return f.repetition() != ParquetFooter.REQUIRED;
    }

    private static ChunkPages.Sink labels(TableRows rows, int base, ParquetFooter.Field label, TableConfig cfg) {
        return switch (label.type()) {
            case ParquetFooter.INT32, ParquetFooter.INT64 -> (i, b, off, len) -> rows.labels[base + i] = number(b, off, len);
            case ParquetFooter.FLOAT -> (i, b, off, len) -> rows.labels[base + i] =
                    TableRows.wholeLabel(Float.intBitsToFloat(ChunkPages.le32(b, off)), cfg.labelColumn());
            case ParquetFooter.DOUBLE -> (i, b, off, len) -> rows.labels[base + i] =
                    TableRows.wholeLabel(Double.longBitsToDouble(le64(b, off)), cfg.labelColumn());
            default -> (i, b, off, len) -> rows.labels[base + i] = new String(b, off, len, StandardCharsets.UTF_8);
        };
    }

    /** A little-endian INT32 (4 bytes) or INT64 (8) as a long. */
    private static long number(byte[] b, int off, int len) {
        return len == 4 ? ChunkPages.le32(b, off) : le64(b, off);
    }

    private static long le64(byte[] b, int p) {
        return (ChunkPages.le32(b, p) & 0xFFFFFFFFL) | (long) ChunkPages.le32(b, p + 4) << 32;
    }
}
