package org.knetsweep.data;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.knetsweep.KnetException;
import org.knetsweep.config.TableConfig;

/**
 * The fast path of {@link TableReader} for a binary features column (images): the label, features and order
 * columns read value by value with parquet's column readers, no records assembled, each row's bytes copied from the
 * decoded page straight into the table's flat array, from the local file without Hadoop's file system, the column
 * chunks read into buffers that the table's files share ({@link BufferPool}). The checks
 * and their messages are the record path's ({@link TableRows}), in the same order within a row: label,
 * features, order.
 */
final class ColumnRows {
    /** Reading options for reading the footer only. */
    static final ParquetReadOptions OPTIONS = ParquetReadOptions.builder().build();

    private ColumnRows() {
    }

    /** True when the file's columns suit this path: binary features, no repeated (list) label or order column. */
    static boolean handles(ParquetRowReader.Columns c) {
        return c.features().layout() == FeatureColumn.Layout.BINARY && !c.label().isRepetition(Type.Repetition.REPEATED)
                && (c.order() == null || !c.order().isRepetition(Type.Repetition.REPEATED));
    }

    /**
     * Reads file {@code fi}, {@code f}, into {@code rows} from row {@code at}; returns the index after its last row.
     */
    static int read(Path f, int fi, ParquetRowReader.Columns c, TableRows rows, int at, TableConfig cfg,
                    MemoryBudget budget, String name, BufferPool buffers) {
        MessageType projection = c.projection();
        int row = 0;
        PageCodecs codecs = new PageCodecs();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f),
                ParquetReadOptions.builder().withCodecFactory(codecs).withAllocator(buffers).build())) {
            r.setRequestedSchema(projection);
            String createdBy = r.getFooter().getFileMetaData().getCreatedBy();
            ColumnDescriptor labelCol = column(projection, c.label().getName());
            ColumnDescriptor featuresCol = column(projection, projection.getType(1).getName());
            boolean orderIsLabel = c.order() != null && c.order().getName().equals(c.label().getName());
            ColumnDescriptor orderCol = c.order() == null || orderIsLabel ? null : column(projection, c.order().getName());
            for (PageReadStore pages = r.readNextRowGroup(); pages != null; pages = r.readNextRowGroup()) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, NoConverter.ROOT, projection, createdBy);
                ColumnReader labels = store.getColumnReader(labelCol);
                ColumnReader features = store.getColumnReader(featuresCol);
                ColumnReader order = orderCol == null ? null : store.getColumnReader(orderCol);
                long n = pages.getRowCount();
                for (long k = 0; k < n; k++, row++, at++) {
                    try {
                        Object label = label(labels, c.label(), cfg.labelColumn());
                        rows.labels[at] = label;
                        if (features.getCurrentDefinitionLevel() < featuresCol.getMaxDefinitionLevel())
                            throw new RowProblem("null in column " + cfg.featuresColumn());
                        rows.putBytes(at, features.getBinary().toByteBuffer(), cfg, budget);
                        features.consume();
                        if (orderIsLabel) rows.order[at] = (Long) label;
                        else if (order != null) {
                            if (order.getCurrentDefinitionLevel() < orderCol.getMaxDefinitionLevel())
                                throw TableRows.nullOrder(cfg);
                            rows.order[at] = orderCol.getPrimitiveType().getPrimitiveTypeName()
                                    == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32
                                    ? order.getInteger() : order.getLong();
                            order.consume();
                        }
                    } catch (RowProblem p) {
                        throw new KnetException(name + ": " + f.getFileName() + ", row " + row + ": " + p.getMessage());
                    }
                    rows.where[at] = (long) fi << 32 | row;
                }
                pages.close(); // gives the chunk buffers back to the pool for the next row group or file
            }
        } catch (IOException | ParquetDecodingException e) {
            throw new KnetException(name + ": cannot read " + f.getFileName() + " at row " + row + ": "
                    + TableReader.oneLine(e), e);
        } finally {
            codecs.release();
        }
        return at;
    }

    private static ColumnDescriptor column(MessageType schema, String name) {
        return schema.getColumnDescription(new String[] {name});
    }

    /** The current label, as the record path gives it, and moves to the next. */
    private static Object label(ColumnReader r, Type type, String column) {
        if (r.getCurrentDefinitionLevel() < r.getDescriptor().getMaxDefinitionLevel())
            throw new RowProblem("null label in column " + column);
        Object label = switch (type.asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> (long) r.getInteger();
            case INT64 -> r.getLong();
            case FLOAT -> TableRows.wholeLabel(r.getFloat(), column);
            case DOUBLE -> TableRows.wholeLabel(r.getDouble(), column);
            default -> r.getBinary().toStringUsingUTF8();
        };
        r.consume();
        return label;
    }

    /** Converters that are never called: the values are taken from the column readers directly. */
    private static final class NoConverter extends GroupConverter {
        static final NoConverter ROOT = new NoConverter();
        private static final PrimitiveConverter PRIMITIVE = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return PRIMITIVE;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
