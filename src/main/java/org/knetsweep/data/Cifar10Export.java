package org.knetsweep.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.knetsweep.KnetException;

/**
 * Writes CIFAR-10 as two Parquet tables, {@code OUTPUT/train} (the five training batches, 50,000 rows) and
 * {@code OUTPUT/test} (the test batch), each row (id, label, label_name, image): id the row's position in the
 * batches' order (0..49,999 and 0..9,999), label 0..9, label_name the class name, image the 3,072 bytes of the
 * binary record. Files of at most 10,000 rows, part-00000.parquet, ..., so that the path order is the batches'
 * order too. The class names sort in label order, so {@code label-column = "label_name"} gives the same classes.
 */
public final class Cifar10Export {
    /** Rows per file: one CIFAR-10 batch. */
    static final int ROWS_PER_FILE = 10_000;
    static final String SCHEMA = "message cifar10 { required int64 id; required int32 label; "
            + "required binary label_name (STRING); required binary image; }";

    private Cifar10Export() {
    }

    /** Writes {@code raw} under {@code output} (any Hadoop URI or a local path), which must not hold files yet. */
    public static void write(Cifar10Raw raw, String output, PrintStream log) {
        String root = output.replaceAll("/+$", "");
        try {
            FileSystem fs = FileSystem.get(URI.create(root.contains("://") || root.startsWith("file:") ? root
                    : new java.io.File(root).toURI().toString()), HadoopSource.configuration());
            Path out = new Path(root);
            if (fs.exists(out) && (fs.isFile(out) || fs.listStatus(out).length > 0))
                throw new KnetException("--output " + output + " already exists and is not empty (expected a new "
                        + "folder for the tables train/ and test/)");
            table(raw.train(), raw, root + "/train", log);
            table(raw.test(), raw, root + "/test", log);
        } catch (IOException e) {
            throw new KnetException("cannot write CIFAR-10 to " + output + ": " + e.getMessage(), e);
        }
    }

    private static void table(ImageSet images, Cifar10Raw raw, String dir, PrintStream log) throws IOException {
        int n = images.size();
        for (int f = 0, from = 0; from < n || f == 0; f++, from += ROWS_PER_FILE) {
            String file = dir + String.format(Locale.ROOT, "/part-%05d.parquet", f);
            try (TableWriter w = TableWriter.create(file, SCHEMA)) {
                for (int i = from; i < Math.min(n, from + ROWS_PER_FILE); i++) {
                    Group g = w.row();
                    g.append("id", (long) i).append("label", images.label(i))
                            .append("label_name", raw.labelNames().get(images.label(i)))
                            .append("image", Binary.fromConstantByteArray(images.pixels(), i * images.width(),
                                    images.width()));
                    w.write(g);
                }
            }
            if (from + ROWS_PER_FILE >= n) break;
        }
        if (log != null) log.printf(Locale.ROOT, "wrote %d rows to %s%n", n, dir);
    }
}
