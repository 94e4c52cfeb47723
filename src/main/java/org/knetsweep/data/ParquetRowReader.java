package org.knetsweep.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.knetsweep.KnetException;
import org.knetsweep.config.TableConfig;

/**
 * The files of a table that {@link PlainRows} does not take, read with parquet-hadoop's own readers (no Spark):
 * the schema checked against the settings (a missing column, a column of another type: one line naming the table,
 * file and column), then the rows by {@link ColumnRows} (binary features) or as records (arrays and vectors), every
 * row checked, each problem one line naming the table, file and row. One per table: the files share its column
 * chunk buffers.
 */
final class ParquetRowReader {
    private final String name;
    private final BufferPool buffers = new BufferPool();

    /** A reader for the table called {@code name} in errors. */
    ParquetRowReader(String name) {
        this.name = name;
    }

    /** The file's schema as parquet reads it. */
    MessageType schema(Path f) {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f), ColumnRows.OPTIONS)) {
            return r.getFooter().getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw unreadable(f, e);
        }
    }

    /** The file's row count as parquet reads it. */
    long recordCount(Path f) {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f), ColumnRows.OPTIONS)) {
            return r.getRecordCount();
        } catch (IOException | RuntimeException e) {
            throw unreadable(f, e);
        }
    }

    private KnetException unreadable(Path f, Exception e) {
        return new KnetException(name + ": " + f.getFileName() + " is not a readable Parquet file: "
                + TableReader.oneLine(e), e);
    }

    /**
     * Reads file {@code fi}, {@code f}, into {@code rows} (created here when null, of the file's features layout) from
     * row {@code at}; returns the rows, {@code end[0]} set to the index after the file's last row.
     */
    TableRows read(Path f, int fi, MessageType schema, TableRows rows, int at, int n, String key, TableConfig cfg,
                   MemoryBudget budget, int[] end) {
        Columns c = columns(schema, cfg, name, f);
        boolean binary = c.features.layout() == FeatureColumn.Layout.BINARY;
        if (rows == null) rows = new TableRows(n, binary, cfg.orderColumn(), key.equals("knet.data.train"));
        else if (binary != rows.isBytes())
            throw new KnetException(name + ": column " + cfg.featuresColumn() + " is binary in some files and not in "
                    + f.getFileName() + " (expected one type in every file)");
        if (ColumnRows.handles(c)) {
            end[0] = ColumnRows.read(f, fi, c, rows, at, cfg, budget, name, buffers);
            return rows;
        }
        Configuration fileConf = new Configuration(HadoopSource.configuration());
        fileConf.set(ReadSupport.PARQUET_READ_SCHEMA, c.projection.toString());
        int row = 0;
        try (ParquetReader<Group> reader = new GroupReader(HadoopInputFile.fromPath(hadoop(f), fileConf)).build()) {
            for (Group g = reader.read(); g != null; g = reader.read(), row++, at++) {
                try {
                    add(rows, at, c, g, cfg, budget);
                } catch (RowProblem p) {
                    throw new KnetException(name + ": " + f.getFileName() + ", row " + row + ": " + p.getMessage());
                }
                rows.where[at] = (long) fi << 32 | row;
            }
        } catch (IOException | ParquetDecodingException e) {
            throw new KnetException(name + ": cannot read " + f.getFileName() + " at row " + row + ": "
                    + TableReader.oneLine(e), e);
        }
        end[0] = at;
        return rows;
    }

    private static org.apache.hadoop.fs.Path hadoop(Path p) {
        return new org.apache.hadoop.fs.Path(p.toAbsolutePath().toUri());
    }

    private static void add(TableRows rows, int i, Columns c, Group g, TableConfig cfg, MemoryBudget budget) {
        rows.labels[i] = label(g, c.label, cfg.labelColumn());
        if (rows.bytes) {
            Binary b = c.features.bytes(g);
            if (b == null) throw new RowProblem("null in column " + cfg.featuresColumn());
            rows.putBytes(i, b.toByteBuffer(), cfg, budget);
        } else {
            float[] f = c.features.floats(g);
            if (f == null) throw new RowProblem("null in column " + cfg.featuresColumn());
            rows.putFloats(i, f, cfg, budget);
        }
        if (rows.order != null) {
            int k = c.orderIndex;
            if (g.getFieldRepetitionCount(k) == 0) throw TableRows.nullOrder(cfg);
            rows.order[i] = c.order.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32
                    ? g.getInteger(k, 0) : g.getLong(k, 0);
        }
    }

    /** The label, field 0 of the projected row. */
    private static Object label(Group g, Type type, String column) {
        if (g.getFieldRepetitionCount(0) == 0)
            throw new RowProblem("null label in column " + column);
        return switch (type.asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> (long) g.getInteger(0, 0);
            case INT64 -> g.getLong(0, 0);
            case FLOAT -> TableRows.wholeLabel(g.getFloat(0, 0), column);
            case DOUBLE -> TableRows.wholeLabel(g.getDouble(0, 0), column);
            default -> g.getString(0, 0);
        };
    }

    /** The columns one file provides, checked against the settings. */
    record Columns(Type label, FeatureColumn features, Type order, MessageType projection, int orderIndex) {
    }

    static Columns columns(MessageType schema, TableConfig cfg, String name, Path file) {
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
