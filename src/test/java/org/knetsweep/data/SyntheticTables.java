package org.knetsweep.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.parquet.example.data.Group;

/**
 * Test helper: labelled Parquet tables drawn from a seeded Gaussian mixture (class c's mean is a fixed random point
 * at distance about 3 from the others, unit variance), written with parquet-hadoop in Spark's own layouts, over
 * several files. Row i's values depend only on (seed, i), so a table split into any number of files holds the same
 * rows in the same order.
 */
public final class SyntheticTables {
    /** How the labels are stored. */
    public enum Labels { INT, LONG, STRING }

    /** How the features are stored. */
    public enum Features { BINARY, ARRAY_FLOAT, ARRAY_DOUBLE, ARRAY_INT, VECTOR_DENSE, VECTOR_SPARSE }

    /** String label of class c: names that do not sort like their indices ("c-b" < "c-d" ...). */
    public static String name(int c) {
        return "class-" + (char) ('z' - c);
    }

    /**
     * A table spec.
     *
     * @param rows     rows in all
     * @param width    features per row
     * @param classes  number of classes
     * @param seed     the mixture's and the rows' seed
     * @param files    number of files the rows are spread over (in order)
     */
    public record Spec(int rows, int width, int classes, long seed, int files, Labels labels, Features features) {
        public Spec withRows(int value) {
            return new Spec(value, width, classes, seed, files, labels, features);
        }

        public Spec withSeed(long value) {
            return new Spec(rows, width, classes, value, files, labels, features);
        }

        public Spec with(Labels value) {
            return new Spec(rows, width, classes, seed, files, value, features);
        }

        public Spec with(Features value) {
            return new Spec(rows, width, classes, seed, files, labels, value);
        }
    }

    private SyntheticTables() {
    }

    /** Class of row i. */
    public static int label(Spec s, int i) {
        return new SplittableRandom(s.seed() * 31 + i).nextInt(s.classes());
    }

    /** Features of row i (binary tables: the values scaled and clamped into 0..255, rounded). */
    public static double[] features(Spec s, int i) {
        double[][] means = means(s);
        int c = label(s, i);
        SplittableRandom rnd = new SplittableRandom(s.seed() * 1_000_003L + i * 7919L + 17);
        double[] x = new double[s.width()];
        for (int j = 0; j < x.length; j++) {
            double v = means[c][j] + gaussian(rnd);
            x[j] = switch (s.features()) {
                case BINARY -> Math.max(0, Math.min(255, Math.rint(128 + 24 * v)));
                case ARRAY_INT -> Math.rint(10 * v);
                case VECTOR_SPARSE -> j % 3 == 1 ? 0 : v; // a third of the values zero: really sparse
                default -> v;
            };
        }
        return x;
    }

    private static double[][] means(Spec s) {
        SplittableRandom rnd = new SplittableRandom(s.seed());
        double[][] m = new double[s.classes()][s.width()];
        for (double[] row : m) for (int j = 0; j < row.length; j++) row[j] = 1.5 * gaussian(rnd);
        return m;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Writes the table into folder {@code dir} as part-00000.parquet, ... (plus a _SUCCESS marker); returns dir. */
    public static Path write(Path dir, Spec s) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("_SUCCESS"), "");
            int per = (s.rows() + s.files() - 1) / s.files();
            for (int f = 0; f < s.files(); f++) {
                String file = dir.resolve(String.format(Locale.ROOT, "part-%05d.parquet", f)).toUri().toString();
                try (TableWriter w = TableWriter.create(file, schema(s))) {
                    for (int i = f * per; i < Math.min(s.rows(), (f + 1) * per); i++) w.write(row(w, s, i));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's schema: id (long), label, features. */
    public static String schema(Spec s) {
        String label = switch (s.labels()) {
            case INT -> "optional int32 label;";
            case LONG -> "optional int64 label;";
            case STRING -> "optional binary label (STRING);";
        };
        String features = switch (s.features()) {
            case BINARY -> "optional binary features;";
            case ARRAY_FLOAT -> String.format(TableWriter.ARRAY_FLOAT, "features");
            case ARRAY_DOUBLE -> String.format(TableWriter.ARRAY_DOUBLE, "features");
            case ARRAY_INT -> String.format(TableWriter.ARRAY_INT, "features");
            case VECTOR_DENSE, VECTOR_SPARSE -> String.format(TableWriter.VECTOR, "features");
        };
        return "message spark_schema { optional int64 id; " + label + " " + features + " }";
    }

    private static Group row(TableWriter w, Spec s, int i) {
        Group g = w.row();
        g.append("id", (long) i);
        int c = label(s, i);
        switch (s.labels()) {
            case INT -> g.append("label", c);
            case LONG -> g.append("label", (long) c);
            case STRING -> g.append("label", name(c));
        }
        double[] x = features(s, i);
        switch (s.features()) {
            case BINARY -> {
                byte[] b = new byte[x.length];
                for (int j = 0; j < b.length; j++) b[j] = (byte) (int) x[j];
                g.append("features", org.apache.parquet.io.api.Binary.fromConstantByteArray(b));
            }
            case ARRAY_FLOAT -> {
                float[] f = new float[x.length];
                for (int j = 0; j < f.length; j++) f[j] = (float) x[j];
                TableWriter.floats(g, "features", f);
            }
            case ARRAY_DOUBLE -> {
                Group list = g.addGroup("features");
                for (double v : x) list.addGroup("list").append("element", v);
            }
            case ARRAY_INT -> {
                Group list = g.addGroup("features");
                for (double v : x) list.addGroup("list").append("element", (int) v);
            }
            case VECTOR_DENSE -> TableWriter.vector(g, "features", x, false);
            case VECTOR_SPARSE -> TableWriter.vector(g, "features", x, true);
        }
        return g;
    }
}
