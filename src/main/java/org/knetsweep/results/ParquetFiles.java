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
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/** Whole-file Parquet reads and writes of {@link Group} rows with parquet-hadoop's low-level API (no Spark). */
final class ParquetFiles {
    private ParquetFiles() {
    }

    /** Writes {@code rows} (possibly none) to a new SNAPPY-compressed file at {@code path}, replacing any file there. */
    static void write(Configuration conf, Path path, MessageType schema, List<Group> rows) throws IOException {
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, conf))
                .withConf(conf)
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Group row : rows) writer.write(row);
        }
    }

    /** All rows of the file at {@code path}, in the file's own schema. */
    static List<Group> read(Configuration conf, Path path) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) rows.add(row);
        }
        return rows;
    }
}
