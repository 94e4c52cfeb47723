package org.knetsweep.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.knetsweep.model.ModelManifest;

/**
 * The {@code manifest.json} of a saved model, read from the folder that the sweep's {@code models} row names
 * (local or any Hadoop URI). Only that one file is served, and at most {@link #MAX_BYTES} of it.
 */
final class ModelManifests {
    static final int MAX_BYTES = 4 << 20;

    private final Configuration conf;

    ModelManifests(Configuration conf) {
        this.conf = conf;
    }

    /** The manifest's bytes, or empty when the folder has none (the model was deleted, or never finished). */
    Optional<byte[]> read(String modelPath) {
        try {
            Path file = new Path(new Path(modelPath), ModelManifest.FILE);
            FileSystem fs = file.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(file);
            if (!status.isFile() || status.getLen() > MAX_BYTES) return Optional.empty();
            try (InputStream in = fs.open(file)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return Optional.of(out.toByteArray());
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // missing (FileNotFoundException), unreadable, or not a path: no manifest to show
        }
    }
}
