package org.knetsweep.data;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes one Parquet file of {@link Group} rows with parquet-hadoop (no Spark), on any Hadoop file system, in the
 * layouts Spark itself writes: {@link #ARRAY_FLOAT} (Spark's {@code array<float>}), {@link #VECTOR} (a Spark ML
 * vector). Used by {@code knet data export-cifar10} and the tests' synthetic tables.
 */
public final class TableWriter implements AutoCloseable {
    /** Spark's {@code array<float>} column named %s, three-level list. */
    public static final String ARRAY_FLOAT = "optional group %s (LIST) { repeated group list { optional float element; } }";
    /** Spark's {@code array<double>}. */
    public static final String ARRAY_DOUBLE = "optional group %s (LIST) { repeated group list { optional double element; } }";
    /** Spark's {@code array<int>}. */
    public static final String ARRAY_INT = "optional group %s (LIST) { repeated group list { optional int32 element; } }";
    /** A Spark ML vector column as Spark stores its VectorUDT. */
    public static final String VECTOR = "optional group %s { required int32 type (INTEGER(8,true)); optional int32 size; "
            + "optional group indices (LIST) { repeated group list { required int32 element; } } "
            + "optional group values (LIST) { repeated group list { required double element; } } }";

    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory rows;

    private TableWriter(ParquetWriter<Group> writer, MessageType schema) {
        this.writer = writer;
        this.rows = new SimpleGroupFactory(schema);
    }

    /** A new file at {@code uri} (replacing one there) with the schema {@code message NAME { ... }}. */
    public static TableWriter create(String uri, String schema) throws IOException {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        Configuration conf = HadoopSource.configuration();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, conf))
                .withConf(conf).withType(type).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        return new TableWriter(w, type);
    }

    /** An empty row to fill and {@link #write}. */
    public Group row() {
        return rows.newGroup();
    }

    public void write(Group row) throws IOException {
        writer.write(row);
    }

    /** Appends a list of floats to {@code row}'s list column {@code column}. */
    public static void floats(Group row, String column, float[] values) {
        Group list = row.addGroup(column);
        for (float v : values) list.addGroup("list").append("element", v);
    }

    /** Appends a dense (or, with {@code sparse}, a sparse: non-zero values only) Spark ML vector. */
    public static void vector(Group row, String column, double[] values, boolean sparse) {
        Group v = row.addGroup(column);
        v.append("type", sparse ? 0 : 1);
        if (sparse) { // as Spark writes them: size and indices only for a sparse vector
            v.append("size", values.length);
            Group indices = v.addGroup("indices");
            Group vals = v.addGroup("values");
            for (int j = 0; j < values.length; j++) {
                if (values[j] == 0) continue;
                indices.addGroup("list").append("element", j);
                vals.addGroup("list").append("element", values[j]);
            }
        } else {
            Group vals = v.addGroup("values");
            for (double x : values) vals.addGroup("list").append("element", x);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
