package org.knetsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.DataFormat;
import org.knetsweep.config.TableConfig;
import org.knetsweep.results.SparkTestSession;

/**
 * Tables as Spark itself writes them (its own Parquet layouts of arrays, binary, strings, doubles, of the struct a
 * Spark ML vector is stored as, and of real Spark ML {@code VectorUDT} columns made by Spark ML's own API), read back
 * without Spark.
 */
@Tag("spark")
class SparkWrittenTableTest {
    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        TableLoader.clearCache();
    }

    private Path write() {
        SparkSession spark = SparkTestSession.get();
        Path out = tmp.resolve("t");
        // 60 rows over 3 files; row id: class id % 3, features (id, -id / 2, id % 5)
        spark.sql("""
                SELECT id, CAST(id % 3 AS INT) AS label, CAST(id % 3 AS DOUBLE) AS indexed,
                  concat('k', CAST(2 - id % 3 AS STRING)) AS name,
                  array(CAST(id AS FLOAT), CAST(-id / 2 AS FLOAT), CAST(id % 5 AS FLOAT)) AS arr,
                  array(CAST(id AS DOUBLE), -id / 2, CAST(id % 5 AS DOUBLE)) AS darr,
                  CAST(concat(char(id), char(id + 1), char(5)) AS BINARY) AS img,
                  named_struct('type', CAST(1 AS TINYINT), 'size', CAST(NULL AS INT),
                    'indices', CAST(NULL AS ARRAY<INT>),
                    'values', array(CAST(id AS DOUBLE), -id / 2, CAST(id % 5 AS DOUBLE))) AS dense,
                  named_struct('type', CAST(0 AS TINYINT), 'size', 3, 'indices', array(0, 2),
                    'values', array(CAST(id AS DOUBLE), CAST(id % 5 AS DOUBLE))) AS sparse
                FROM range(60)""").repartition(3).sortWithinPartitions("id")
                .write().parquet(out.toString());
        return out;
    }

    private static DataConfig cfg(Path cache, Path train, String label, String features, String order) {
        return new DataConfig("auto", "", "", cache.toString(), 10, 0, 0, DataFormat.PARQUET,
                new TableConfig(train.toString(), "", "", label, features, List.of(), order));
    }

    @Test
    void everyLayoutSparkWritesReadsBack() {
        Path t = write();
        for (String column : List.of("arr", "darr", "dense", "sparse", "img")) {
            TableData d = TableLoader.readTables(cfg(tmp.resolve("c"), t, "label", column, "id"), null);
            ImageSet rows = d.train();
            assertEquals(60, rows.size(), column);
            assertEquals(3, rows.width(), column);
            for (int i = 0; i < 60; i++) {
                assertEquals(i % 3, rows.label(i), column);
                double[] expected = switch (column) {
                    case "sparse" -> new double[]{i, 0, i % 5};
                    case "img" -> new double[]{i, i + 1, 5};
                    default -> new double[]{i, -i / 2.0, i % 5};
                };
                for (int j = 0; j < 3; j++) assertEquals(expected[j], rows.value(i, j), column + " row " + i);
            }
        }
        TableData names = TableLoader.readTables(cfg(tmp.resolve("c"), t, "name", "arr", "id"), null);
        assertEquals(List.of("k0", "k1", "k2"), names.labelNames());
        assertEquals(2, names.train().label(0)); // id 0: "k2"
        TableData indexed = TableLoader.readTables(cfg(tmp.resolve("c"), t, "indexed", "arr", "id"), null);
        assertEquals(List.of("0", "1", "2"), indexed.labelNames());
    }

    /** Row {@code id}'s sparse vector: size 5, empty when id % 4 == 0, else id + 1 and -(id + 1) / 4 at two indices. */
    private static Vector sparseRow(int id) {
        if (id % 4 == 0) return Vectors.sparse(5, new int[0], new double[0]);
        int a = id % 5;
        int b = (a + 2) % 5;
        return Vectors.sparse(5, new int[]{Math.min(a, b), Math.max(a, b)}, new double[]{id + 1, -(id + 1) / 4.0});
    }

    private static double[] sparseExpected(int id) {
        double[] v = new double[5];
        if (id % 4 == 0) return v;
        int a = id % 5;
        int b = (a + 2) % 5;
        v[Math.min(a, b)] = id + 1;
        v[Math.max(a, b)] = -(id + 1) / 4.0;
        return v;
    }

    @Test
    void realSparkMlVectorColumnsReadBack() {
        SparkSession spark = SparkTestSession.get();
        // 60 rows: id, label id % 3, x = (id + 1, -(id + 1) / 2, id % 5), and a sparse VectorUDT column
        StructType schema = new StructType()
                .add("id", DataTypes.LongType, false)
                .add("label", DataTypes.IntegerType, false)
                .add("x0", DataTypes.DoubleType, false)
                .add("x1", DataTypes.DoubleType, false)
                .add("x2", DataTypes.DoubleType, false)
                .add("sparse", SQLDataTypes.VectorType(), false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(RowFactory.create((long) i, i % 3, i + 1.0, -(i + 1) / 2.0, (double) (i % 5), sparseRow(i)));
        }
        Dataset<Row> assembled = new VectorAssembler().setInputCols(new String[]{"x0", "x1", "x2"})
                .setOutputCol("features").transform(spark.createDataFrame(rows, schema));
        Path out = tmp.resolve("ml");
        assembled.select("id", "label", "features", "sparse").repartition(3).sortWithinPartitions("id")
                .write().parquet(out.toString());

        // what Spark wrote: two VectorUDT columns, every assembled vector dense, the sparse ones sparse
        Dataset<Row> back = spark.read().parquet(out.toString());
        assertEquals(SQLDataTypes.VectorType(), back.schema().apply("features").dataType());
        assertEquals(SQLDataTypes.VectorType(), back.schema().apply("sparse").dataType());
        List<Row> written = back.collectAsList();
        assertEquals(60, written.size());
        for (Row r : written) {
            assertTrue(r.getAs("features") instanceof DenseVector, r.toString());
            assertTrue(r.getAs("sparse") instanceof SparseVector, r.toString());
        }

        for (String column : List.of("features", "sparse")) {
            TableData d = TableLoader.readTables(cfg(tmp.resolve("c"), out, "label", column, "id"), null);
            ImageSet train = d.train();
            int width = column.equals("features") ? 3 : 5;
            assertEquals(60, train.size(), column);
            assertEquals(width, train.width(), column);
            assertEquals(List.of("0", "1", "2"), d.labelNames(), column);
            for (int i = 0; i < 60; i++) {
                assertEquals(i % 3, train.label(i), column + " row " + i);
                double[] expected = column.equals("features")
                        ? new double[]{i + 1, -(i + 1) / 2.0, i % 5} : sparseExpected(i);
                for (int j = 0; j < width; j++) {
                    assertEquals(expected[j], train.value(i, j), column + " row " + i + " feature " + j);
                }
            }
        }
    }

    @Test
    void aStringColumnAsFeaturesIsRefusedNamingItsType() {
        Path t = write();
        KnetException e = org.junit.jupiter.api.Assertions.assertThrows(KnetException.class,
                () -> TableLoader.readTables(cfg(tmp.resolve("c"), t, "label", "name", ""), null));
        assertTrue(e.getMessage().contains("column name (knet.data.features-column) is optional binary name (STRING)"),
                e.getMessage());
    }
}
