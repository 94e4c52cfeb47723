package org.knetsweep.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.knetsweep.KnetException;
import org.knetsweep.config.TableConfig;

/**
 * Reads a table's local Parquet files (from {@link TableFiles}) with parquet-hadoop's own reader, no Spark: only the
 * label, features and order columns, every row checked (a null label or features value, a row of another width,
 * a NaN or infinite feature, a label of another type), each problem one line naming the table, file and row. Rows
 * keep the files' order unless an order column is given, then they are sorted by it (ties in file order).
 */
final class TableReader {
    private TableReader() {
    }

    /** The rows of {@code files}, the table {@code uri} set by {@code key}. */
    static RawTable read(List<Path> files, String uri, String key, TableConfig cfg, MemoryBudget budget) {
        String name = "table " + uri + " (" + key + ")";
        long total = 0;
        List<MessageType> schemas = new ArrayList<>();
        for (Path f : files) {
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f), ColumnRows.OPTIONS)) {
                total += r.getRecordCount();
                schemas.add(r.getFooter().getFileMetaData().getSchema());
            } catch (IOException | RuntimeException e) {
                throw new KnetException(name + ": " + f.getFileName() + " is not a readable Parquet file: "
                        + oneLine(e), e);
            }
        }
        if (total == 0) throw new KnetException(name + " is empty: its files hold no rows");
        if (total > Integer.MAX_VALUE - 8) throw new KnetException(name + " has " + total + " rows; at most 2^31 are read");
        int n = (int) total;
        Rows rows = null;
        int at = 0;
        BufferPool buffers = new BufferPool();
        for (int fi = 0; fi < files.size(); fi++) {
            Path f = files.get(fi);
            MessageType schema = schemas.get(fi);
            Columns c = columns(schema, cfg, name, f);
            if (rows == null) rows = new Rows(n, c.features.layout() == FeatureColumn.Layout.BINARY, cfg.orderColumn(),
                    key.equals("knet.data.train"));
            else if ((c.features.layout() == FeatureColumn.Layout.BINARY) != rows.isBytes())
                throw new KnetException(name + ": column " + cfg.featuresColumn() + " is binary in some files and not in "
                        + f.getFileName() + " (expected one type in every file)");
            if (ColumnRows.handles(c)) {
                at = ColumnRows.read(f, fi, c, rows, at, cfg, budget, name, buffers);
                continue;
            }
            Configuration fileConf = new Configuration(HadoopSource.configuration());
            fileConf.set(ReadSupport.PARQUET_READ_SCHEMA, c.projection.toString());
            int row = 0;
            try (ParquetReader<Group> reader = new GroupReader(HadoopInputFile.fromPath(hadoop(f), fileConf)).build()) {
                for (Group g = reader.read(); g != null; g = reader.read(), row++, at++) {
                    try {
                        rows.add(at, c, g, cfg, budget);
                    } catch (FeatureColumn.RowProblem p) {
                        throw new KnetException(name + ": " + f.getFileName() + ", row " + row + ": " + p.getMessage());
                    }
                    rows.where[at] = (long) fi << 32 | row;
                }
            } catch (IOException | ParquetDecodingException e) {
                throw new KnetException(name + ": cannot read " + f.getFileName() + " at row " + row + ": "
                        + oneLine(e), e);
            }
        }
        return rows.table(uri, key, files);
    }

    private static org.apache.hadoop.fs.Path hadoop(Path p) {
        return new org.apache.hadoop.fs.Path(p.toAbsolutePath().toUri());
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** The columns one file provides, checked against the settings. */
    record Columns(Type label, FeatureColumn features, Type order, MessageType projection, int orderIndex) {
    }

    private static Columns columns(MessageType schema, TableConfig cfg, String name, Path file) {
        Type label = column(schema, cfg.labelColumn(), "knet.data.label-column", name, file);
        if (!label.isPrimitive() || !labelType(label.asPrimitiveType()))
            throw new KnetException(name + ": column " + cfg.labelColumn() + " (knet.data.label-column) is "
                    + FeatureColumn.describe(label) + " in " + file.getFileName()
                    + " (expected int, long or string labels)");
        Type features = column(schema, cfg.featuresColumn(), "knet.data.features-column", name, file);
        FeatureColumn fc = FeatureColumn.of(features);
        if (fc == null)
            throw new KnetException(name + ": column " + cfg.featuresColumn() + " (knet.data.features-column) is "
                    + FeatureColumn.describe(features) + " in " + file.getFileName() + " (expected "
                    + FeatureColumn.EXPECTED + ")");
        if (!cfg.imageShape().isEmpty() && fc.layout() != FeatureColumn.Layout.BINARY)
            throw new KnetException(name + ": knet.data.image-shape " + cfg.imageShape() + " is set but column "
                    + cfg.featuresColumn() + " is not binary (expected bytes 0..255 for images)");
        Type order = null;
        List<Type> fields = new ArrayList<>(List.of(label, features));
        if (!cfg.orderColumn().isEmpty()) {
            order = column(schema, cfg.orderColumn(), "knet.data.order-column", name, file);
            PrimitiveTypeName t = order.isPrimitive() ? order.asPrimitiveType().getPrimitiveTypeName() : null;
            if (t != PrimitiveTypeName.INT32 && t != PrimitiveTypeName.INT64)
                throw new KnetException(name + ": column " + cfg.orderColumn() + " (knet.data.order-column) is "
                        + FeatureColumn.describe(order) + " in " + file.getFileName() + " (expected int or long)");
            if (!fields.contains(order)) fields.add(order);
        }
        // the rows read have the projection's fields: label 0, features 1, the order column where it is
        return new Columns(label, fc.at(1), order, new MessageType(schema.getName(), fields),
                order == null ? -1 : fields.indexOf(order));
    }

    private static Type column(MessageType schema, String column, String key, String name, Path file) {
        if (!schema.containsField(column))
            throw new KnetException(name + ": no column " + column + " (" + key + ") in " + file.getFileName()
                    + "; its columns: " + String.join(", ", schema.getFields().stream().map(Type::getName).toList()));
        return schema.getType(column);
    }

    private static boolean labelType(PrimitiveType p) {
        return switch (p.getPrimitiveTypeName()) {
            case INT32, INT64, FLOAT, DOUBLE -> true;
            case BINARY -> p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
            default -> false;
        };
    }

    /** The rows being read: features in one flat array (allocated at the first row), labels, order values. */
    static final class Rows {
        final boolean bytes;
        final Object[] labels;
        final long[] order;
        final long[] where;
        byte[] flatBytes;
        float[] flatFloats;
        final boolean train;
        int width = -1;

        Rows(int n, boolean bytes, String orderColumn, boolean train) {
            this.bytes = bytes;
            this.train = train;
            labels = new Object[n];
            order = orderColumn.isEmpty() ? null : new long[n];
            where = new long[n];
        }

        boolean isBytes() {
            return bytes;
        }

        void add(int i, Columns c, Group g, TableConfig cfg, MemoryBudget budget) {
            labels[i] = label(g, c.label, cfg.labelColumn());
            if (bytes) {
                Binary b = c.features.bytes(g);
                if (b == null) throw new FeatureColumn.RowProblem("null in column " + cfg.featuresColumn());
                putBytes(i, b, cfg, budget);
            } else {
                float[] f = c.features.floats(g);
                if (f == null) throw new FeatureColumn.RowProblem("null in column " + cfg.featuresColumn());
                for (int j = 0; j < f.length; j++)
                    if (!Float.isFinite(f[j]))
                        throw new FeatureColumn.RowProblem("feature " + j + " of column " + cfg.featuresColumn()
                                + " is " + f[j] + " (expected finite numbers)");
                width(f.length, cfg, budget);
                System.arraycopy(f, 0, flatFloats, i * width, width);
            }
            if (order != null) {
                int k = c.orderIndex;
                if (g.getFieldRepetitionCount(k) == 0) throw nullOrder(cfg);
                order[i] = c.order.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32
                        ? g.getInteger(k, 0) : g.getLong(k, 0);
            }
        }

        /** Row i's binary features, copied into the flat array (checked for width). */
        void putBytes(int i, Binary b, TableConfig cfg, MemoryBudget budget) {
            width(b.length(), cfg, budget);
            b.toByteBuffer().get(flatBytes, i * width, width);
        }

        static FeatureColumn.RowProblem nullOrder(TableConfig cfg) {
            return new FeatureColumn.RowProblem("null in column " + cfg.orderColumn() + " (knet.data.order-column)");
        }

        /** Checks a row's width {@code w}: the first row's sets the width and allocates the flat array. */
        private void width(int w, TableConfig cfg, MemoryBudget budget) {
            if (width == w) return;
            if (width < 0) {
                if (w == 0) throw new FeatureColumn.RowProblem("column " + cfg.featuresColumn() + " has no features");
                if (cfg.imageSize() > 0 && w != cfg.imageSize())
                    throw new FeatureColumn.RowProblem(w + " bytes in column " + cfg.featuresColumn()
                            + ", but knet.data.image-shape " + cfg.imageShape() + " needs " + cfg.imageSize());
                budget.check(labels.length, w, bytes, order != null, train);
                long values = (long) labels.length * w;
                if (values > Integer.MAX_VALUE - 8)
                    throw new FeatureColumn.RowProblem(labels.length + " rows of " + w + " features are more than "
                            + "one array holds (2^31 values); use fewer rows or features");
                width = w;
                if (bytes) flatBytes = new byte[(int) values];
                else flatFloats = new float[(int) values];
            } else {
                throw new FeatureColumn.RowProblem(w + " features in column " + cfg.featuresColumn() + " (expected "
                        + width + ", as in the first row; every row must have the same width)");
            }
        }

        /** The label, field 0 of the projected row. */
        private static Object label(Group g, Type type, String column) {
            if (g.getFieldRepetitionCount(0) == 0)
                throw new FeatureColumn.RowProblem("null label in column " + column);
            return switch (type.asPrimitiveType().getPrimitiveTypeName()) {
                case INT32 -> (long) g.getInteger(0, 0);
                case INT64 -> g.getLong(0, 0);
                case FLOAT -> wholeLabel(g.getFloat(0, 0), column);
                case DOUBLE -> wholeLabel(g.getDouble(0, 0), column);
                default -> g.getString(0, 0);
            };
        }

        /** A float or double label as a whole number. */
        static Object wholeLabel(double d, String column) {
            if (d != Math.rint(d) || Math.abs(d) > 1e15)
                throw new FeatureColumn.RowProblem("label " + d + " in column " + column
                        + " (expected whole numbers, or int, long or string labels)");
            return (long) d;
        }

        RawTable table(String uri, String key, List<Path> files) {
            int n = labels.length;
            String[] names = files.stream().map(p -> p.getFileName().toString()).toArray(String[]::new);
            if (order == null || sorted(order))
                return new RawTable(uri, key, flatBytes, flatFloats, width, labels, where, names);
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            Arrays.sort(idx, Comparator.comparingLong(i -> order[i])); // stable: ties stay in file order
            Object[] l = new Object[n];
            long[] w = new long[n];
            byte[] b = bytes ? new byte[flatBytes.length] : null;
            float[] f = bytes ? null : new float[flatFloats.length];
            for (int k = 0; k < n; k++) {
                int i = idx[k];
                l[k] = labels[i];
                w[k] = where[i];
                if (bytes) System.arraycopy(flatBytes, i * width, b, k * width, width);
                else System.arraycopy(flatFloats, i * width, f, k * width, width);
            }
            return new RawTable(uri, key, b, f, width, l, w, names);
        }
    }

    /** True when {@code v} is non-decreasing: the stable sort by it keeps every row where it is. */
    private static boolean sorted(long[] v) {
        for (int i = 1; i < v.length; i++) if (v[i] < v[i - 1]) return false;
        return true;
    }

    /** parquet-hadoop's reader of {@link Group}s with the given file's configuration (its read schema). */
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(HadoopInputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
