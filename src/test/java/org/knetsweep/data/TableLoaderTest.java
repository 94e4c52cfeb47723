package org.knetsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.DataFormat;
import org.knetsweep.config.TableConfig;
import org.knetsweep.data.SyntheticTables.Features;
import org.knetsweep.data.SyntheticTables.Labels;
import org.knetsweep.data.SyntheticTables.Spec;

class TableLoaderTest {
    private static final Spec SPEC = new Spec(120, 7, 3, 5, 3, Labels.INT, Features.ARRAY_FLOAT);

    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        TableLoader.clearCache();
    }

    static DataConfig cfg(Path cache, String train, String test, String validation, int validationSize,
                          String order, List<Integer> shape) {
        return new DataConfig("auto", "", "", cache.toString(), validationSize, 0, 0, DataFormat.PARQUET,
                new TableConfig(train, test, validation, "label", "features", shape, order));
    }

    private DataConfig cfg(Path train) {
        return cfg(tmp.resolve("cache"), train.toString(), "", "", 20, "", List.of());
    }

    @ParameterizedTest
    @EnumSource(Features.class)
    void everyFeatureLayoutReadsTheRowsInFileOrder(Features layout) {
        Spec s = SPEC.with(layout).withRows(layout == Features.BINARY ? 90 : 120);
        TableData d = TableLoader.readTables(cfg(SyntheticTables.write(tmp.resolve("t"), s)), null);
        ImageSet rows = d.train();
        assertEquals(s.rows(), rows.size());
        assertEquals(s.width(), rows.width());
        assertEquals(layout == Features.BINARY, rows.isBytes());
        assertEquals(List.of("0", "1", "2"), d.labelNames());
        for (int i = 0; i < s.rows(); i++) {
            assertEquals(SyntheticTables.label(s, i), rows.label(i), "row " + i);
            double[] x = SyntheticTables.features(s, i);
            for (int j = 0; j < x.length; j++) // + 0.0f: an int array holds no -0
                assertEquals((float) x[j] + 0.0f, (float) rows.value(i, j), "row " + i);
        }
        assertNull(d.validation());
        assertEquals(0, d.test().size());
    }

    @ParameterizedTest
    @EnumSource(Labels.class)
    void labelsBecomeClassesInSortedOrder(Labels labels) {
        Spec s = SPEC.with(labels);
        TableData d = TableLoader.readTables(cfg(SyntheticTables.write(tmp.resolve("t"), s)), null);
        List<String> expected = labels == Labels.STRING
                ? List.of(SyntheticTables.name(2), SyntheticTables.name(1), SyntheticTables.name(0))
                : List.of("0", "1", "2");
        assertEquals(expected, d.labelNames());
        for (int i = 0; i < s.rows(); i++) {
            int c = SyntheticTables.label(s, i);
            assertEquals(labels == Labels.STRING ? 2 - c : c, d.train().label(i));
        }
    }

    @Test
    void sparseAndDenseVectorsAndArraysGiveTheSameRows() {
        TableData dense = TableLoader.readTables(cfg(SyntheticTables.write(tmp.resolve("d"),
                SPEC.with(Features.VECTOR_SPARSE).with(Features.VECTOR_DENSE))), null);
        // the sparse spec zeroes every third value: compare it with a dense write of the same values
        TableData sparse = TableLoader.readTables(cfg(SyntheticTables.write(tmp.resolve("s"),
                SPEC.with(Features.VECTOR_SPARSE))), null);
        for (int i = 0; i < SPEC.rows(); i++) {
            double[] x = SyntheticTables.features(SPEC.with(Features.VECTOR_SPARSE), i);
            for (int j = 0; j < x.length; j++) assertEquals((float) x[j], (float) sparse.train().value(i, j));
        }
        assertEquals(SPEC.width(), dense.train().width());
    }

    @Test
    void filesSplitDifferentlyHoldTheSameRows() {
        TableData three = TableLoader.readTables(cfg(SyntheticTables.write(tmp.resolve("a"), SPEC)), null);
        TableData one = TableLoader.readTables(cfg(SyntheticTables.write(tmp.resolve("b"),
                new Spec(SPEC.rows(), SPEC.width(), SPEC.classes(), SPEC.seed(), 1, SPEC.labels(), SPEC.features()))),
                null);
        assertArrayEquals(one.train().values(), three.train().values());
        assertArrayEquals(one.train().labels(), three.train().labels());
    }

    @Test
    void anOrderColumnSortsTheRows() throws IOException {
        Path dir = tmp.resolve("ordered");
        java.nio.file.Files.createDirectories(dir);
        String schema = "message m { required int64 id; required int32 label; " + String.format(TableWriter.ARRAY_FLOAT,
                "features") + " }";
        // file a holds ids 5..9, file b ids 0..4: path order is not id order
        for (String f : List.of("a", "b")) {
            try (TableWriter w = TableWriter.create(dir.resolve(f + ".parquet").toUri().toString(), schema)) {
                for (int k = 0; k < 5; k++) {
                    long id = f.equals("a") ? 9 - k : 4 - k;
                    Group g = w.row().append("id", id).append("label", (int) (id % 2));
                    TableWriter.floats(g, "features", new float[]{id, -id});
                    w.write(g);
                }
            }
        }
        TableData byPath = TableLoader.readTables(cfg(tmp.resolve("c1"), dir.toString(), "", "", 2, "", List.of()),
                null);
        assertEquals(9.0, byPath.train().value(0, 0));
        TableData byId = TableLoader.readTables(cfg(tmp.resolve("c2"), dir.toString(), "", "", 2, "id", List.of()),
                null);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, byId.train().value(i, 0));
            assertEquals(i % 2, byId.train().label(i));
        }
    }

    @Test
    void theSplitIsSeededAndTestAndValidationTablesAreUsed() {
        Path train = SyntheticTables.write(tmp.resolve("train"), SPEC);
        Path test = SyntheticTables.write(tmp.resolve("test"), SPEC.withSeed(5).withRows(40));
        Path val = SyntheticTables.write(tmp.resolve("val"), SPEC.withRows(30));
        DataSplit a = TableLoader.load(cfg(tmp.resolve("c"), train.toString(), test.toString(), "", 20, "", List.of()),
                3, null);
        DataSplit b = TableLoader.load(cfg(tmp.resolve("c"), train.toString(), test.toString(), "", 20, "", List.of()),
                3, null);
        assertEquals(100, a.train().size());
        assertEquals(20, a.validation().size());
        assertEquals(40, a.test().size());
        assertTrue(a.hasTest());
        assertArrayEquals(a.train().values(), b.train().values());
        assertArrayEquals(a.standardizer().mean(), b.standardizer().mean());
        assertEquals(3, a.classes());
        assertEquals(SPEC.width(), a.features());
        DataSplit withVal = TableLoader.load(cfg(tmp.resolve("c"), train.toString(), "", val.toString(), 20, "",
                List.of()), 3, null);
        assertEquals(120, withVal.train().size());
        assertEquals(30, withVal.validation().size());
        assertFalse(withVal.hasTest());
    }

    @Test
    void aTableIsReadOncePerJvm() {
        DataConfig c = cfg(SyntheticTables.write(tmp.resolve("t"), SPEC));
        assertSame(TableLoader.read(c, null), TableLoader.read(c, null));
    }

    @Test
    void theFloatStandardizerUsesTheTrainingRows() {
        DataSplit s = TableLoader.load(cfg(SyntheticTables.write(tmp.resolve("t"), SPEC)), 1, null);
        ImageSet train = s.train();
        for (int j = 0; j < train.width(); j++) {
            double sum = 0;
            for (int i = 0; i < train.size(); i++) sum += train.value(i, j);
            double mean = sum / train.size();
            double sq = 0;
            for (int i = 0; i < train.size(); i++) sq += (train.value(i, j) - mean) * (train.value(i, j) - mean);
            assertEquals(mean, s.standardizer().mean()[j], 1e-12);
            assertEquals(Math.sqrt(sq / train.size()), s.standardizer().std()[j], 1e-12);
        }
    }

    // ---- bad input: one line naming the table, column or row

    private String error(DataConfig c) {
        KnetException e = assertThrows(KnetException.class, () -> TableLoader.readTables(c, null));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    private Path custom(String name, String features, List<Object[]> rows) throws IOException {
        Path dir = tmp.resolve(name);
        java.nio.file.Files.createDirectories(dir);
        String schema = "message m { optional int32 label; " + features + (features.endsWith("}") ? "" : ";") + " }";
        try (TableWriter w = TableWriter.create(dir.resolve("part-0.parquet").toUri().toString(), schema)) {
            for (Object[] r : rows) {
                Group g = w.row();
                if (r[0] != null) g.append("label", (Integer) r[0]);
                if (r[1] instanceof float[] f) TableWriter.floats(g, "features", f);
                else if (r[1] instanceof byte[] b) g.append("features", Binary.fromConstantByteArray(b));
                else if (r[1] instanceof String s) g.append("features", s);
                w.write(g);
            }
        }
        return dir;
    }

    private static final String FLOATS = String.format(TableWriter.ARRAY_FLOAT, "features");

    private static List<Object[]> floatRows(Object[]... rows) {
        return new ArrayList<>(List.of(rows));
    }

    @Test
    void aMissingColumnIsNamed() {
        Path t = SyntheticTables.write(tmp.resolve("t"), SPEC);
        DataConfig c = new DataConfig("auto", "", "", tmp.resolve("c").toString(), 10, 0, 0, DataFormat.PARQUET,
                new TableConfig(t.toString(), "", "", "target", "features", List.of(), ""));
        String m = error(c);
        assertTrue(m.contains("no column target (knet.data.label-column) in part-00000.parquet; its columns: id, "
                + "label, features"), m);
    }

    @Test
    void aWrongColumnTypeIsNamed() throws IOException {
        Path t = custom("str", "optional binary features (STRING)", floatRows(new Object[]{1, "x"}, new Object[]{0, "y"}));
        String m = error(cfg(t));
        assertTrue(m.contains("column features (knet.data.features-column) is optional binary features (STRING)"), m);
        assertTrue(m.contains("expected binary, array<float|double|int> or a Spark ML vector"), m);
    }

    @Test
    void arraysOfUnequalLengthNameTheRow() throws IOException {
        Path t = custom("len", FLOATS, floatRows(new Object[]{1, new float[]{1, 2}}, new Object[]{0, new float[]{1, 2}},
                new Object[]{0, new float[]{1, 2, 3}}));
        String m = error(cfg(t));
        assertTrue(m.contains("part-0.parquet, row 2: 3 features in column features (expected 2"), m);
    }

    @Test
    void nanAndInfinityNameTheRowAndFeature() throws IOException {
        Path t = custom("nan", FLOATS, floatRows(new Object[]{1, new float[]{1, 2}}, new Object[]{0, new float[]{1, Float.NaN}}));
        assertTrue(error(cfg(t)).contains("row 1: feature 1 of column features is NaN (expected finite numbers)"));
        Path u = custom("inf", FLOATS, floatRows(new Object[]{1, new float[]{Float.POSITIVE_INFINITY, 2}}));
        assertTrue(error(cfg(u)).contains("row 0: feature 0 of column features is Infinity"));
    }

    @Test
    void nullLabelsAndFeaturesNameTheRow() throws IOException {
        Path t = custom("nl", FLOATS, floatRows(new Object[]{1, new float[]{1, 2}}, new Object[]{null, new float[]{1, 2}}));
        assertTrue(error(cfg(t)).contains("part-0.parquet, row 1: null label in column label"));
        Path u = custom("nf", FLOATS, floatRows(new Object[]{1, new float[]{1, 2}}, new Object[]{0, null}));
        assertTrue(error(cfg(u)).contains("part-0.parquet, row 1: null in column features"));
    }

    @Test
    void aSingleClassAndAnEmptyTableAreRefused() throws IOException {
        Path t = custom("one", FLOATS, floatRows(new Object[]{4, new float[]{1, 2}}, new Object[]{4, new float[]{3, 2}}));
        assertTrue(error(cfg(t)).contains("has a single class (every label is 4); expected at least 2 classes"));
        Path e = custom("empty", FLOATS, floatRows());
        assertTrue(error(cfg(e)).contains("(knet.data.train) is empty: its files hold no rows"));
        assertTrue(error(cfg(tmp.resolve("nothing"))).contains("does not exist"));
    }

    @Test
    void aTestTableOfAnotherWidthOrWithUnknownLabelsIsRefused() throws IOException {
        Path train = custom("train", FLOATS, floatRows(new Object[]{1, new float[]{1, 2}}, new Object[]{0, new float[]{1, 3}}));
        Path wide = custom("wide", FLOATS, floatRows(new Object[]{1, new float[]{1, 2, 3}}));
        String m = error(cfg(tmp.resolve("c"), train.toString(), wide.toString(), "", 0, "", List.of()));
        assertTrue(m.contains("(knet.data.test): rows of 3 features, the training table's 2"), m);
        Path other = custom("other", FLOATS, floatRows(new Object[]{1, new float[]{1, 2}}, new Object[]{7, new float[]{1, 2}}));
        m = error(cfg(tmp.resolve("c"), train.toString(), other.toString(), "", 0, "", List.of()));
        assertTrue(m.contains("(knet.data.test): part-0.parquet, row 1: label 7 is not one of the training table's "
                + "classes [0, 1]"), m);
        Path bytes = custom("bytes", "optional binary features", floatRows(new Object[]{1, new byte[]{1, 2}}));
        m = error(cfg(tmp.resolve("c"), train.toString(), "", bytes.toString(), 0, "", List.of()));
        assertTrue(m.contains("(knet.data.validation): its features are binary, the training table's numbers"), m);
    }

    @Test
    void anImageShapeMustMatchTheBytes() throws IOException {
        Path t = custom("img", "optional binary features", floatRows(new Object[]{1, new byte[12]}, new Object[]{0, new byte[12]}));
        TableData ok = TableLoader.readTables(cfg(tmp.resolve("c"), t.toString(), "", "", 0, "", List.of(3, 2, 2)), null);
        assertEquals(List.of(3, 2, 2), ok.imageShape());
        String m = error(cfg(tmp.resolve("c"), t.toString(), "", "", 0, "", List.of(3, 4, 4)));
        assertTrue(m.contains("12 bytes in column features, but knet.data.image-shape [3, 4, 4] needs 48"), m);
    }

    @Test
    void aTableTooLargeForTheHeapSaysWhatToRaise() {
        MemoryBudget budget = new MemoryBudget(100 << 20);
        KnetException e = assertThrows(KnetException.class, () -> budget.check(50_000, 3072, true, false, true));
        assertTrue(e.getMessage().contains("raise spark.executor.memory"), e.getMessage());
        assertEquals(50_000L * 3072 * 5, MemoryBudget.bytesFor(50_000, 3072, true, false, true));
        assertEquals(10_000L * 3072 * 4 * 2, MemoryBudget.bytesFor(10_000, 3072, false, true, false));
    }
}
