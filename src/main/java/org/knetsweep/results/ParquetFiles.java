package org.knetsweep.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/** Whole-file Parquet reads and writes of {@link Group} rows with parquet-hadoop's low-level API (no Spark). */
final class ParquetFiles {
    private ParquetFiles() {
    }

    /** Writes {@code rows} (possibly none) to a new SNAPPY-compressed file at {@code path}, replacing any file there. */
    static void write(Configuration conf, Path path, MessageType schema, List<Group> rows) throws IOException {
        try (ParquetWriter<Group> writer = writer(conf, path, schema)) {
            for (Group row : rows) writer.write(row);
        }
    }

    /** A writer of a new SNAPPY-compressed file at {@code path}, replacing any file there. */
    static ParquetWriter<Group> writer(Configuration conf, Path path, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, conf))
                .withConf(conf)
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /** All rows of the file at {@code path}, in the file's own schema. */
    static List<Group> read(Configuration conf, Path path) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = new GroupReader(HadoopInputFile.fromPath(path, conf)).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) rows.add(row);
        }
        return rows;
    }

    /**
     * A reader of {@link Group}s that takes the file's configuration: {@code ParquetReader.builder(support, path)}
     * creates a {@code new Configuration()} for every file, which parses the Hadoop XML resources again (milliseconds
     * per file, most of the time of reading a sweep's small files back).
     */
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
