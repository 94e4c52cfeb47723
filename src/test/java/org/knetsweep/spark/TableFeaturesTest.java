package org.knetsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.results.SparkTestSession;

/**
 * The features of {@code score}'s input from real Spark ML {@code VectorUDT} columns (as a Spark installation with
 * Spark ML presents them): a {@code VectorAssembler} output and a column of {@code Vectors.sparse} values.
 */
@Tag("spark")
class TableFeaturesTest {
    @TempDir
    static Path dir;
    static StructType schema;
    static List<InternalRow> rows;

    /** 20 rows: features (i + 1, -(i + 1) / 2, i % 5) assembled, sparse of size 5: i + 1 at i % 5, empty when i % 4 == 0. */
    @BeforeAll
    static void write() {
        SparkSession spark = SparkTestSession.get();
        StructType in = new StructType().add("id", DataTypes.IntegerType, false)
                .add("x0", DataTypes.DoubleType, false).add("x1", DataTypes.DoubleType, false)
                .add("x2", DataTypes.DoubleType, false).add("sparse", SQLDataTypes.VectorType(), false);
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            data.add(RowFactory.create(i, i + 1.0, -(i + 1) / 2.0, (double) (i % 5), i % 4 == 0
                    ? Vectors.sparse(5, new int[0], new double[0])
                    : Vectors.sparse(5, new int[]{i % 5}, new double[]{i + 1})));
        }
        String table = dir.resolve("vectors").toString();
        new VectorAssembler().setInputCols(new String[]{"x0", "x1", "x2"}).setOutputCol("features")
                .transform(spark.createDataFrame(data, in)).select("id", "features", "sparse").coalesce(2)
                .write().parquet(table);
        Dataset<Row> back = spark.read().parquet(table).orderBy("id");
        schema = back.schema();
        rows = back.queryExecution().toRdd().toJavaRDD().map(InternalRow::copy).collect();
    }

    @Test
    void anAssembledVectorColumnGivesEveryRowsFeatures() {
        assertTrue(schema.apply("features").dataType() instanceof UserDefinedType<?>, schema.toString());
        TableFeatures f = TableFeatures.of(schema, "features", "t", 3, true, "model m");
        assertEquals(TableFeatures.Layout.VECTOR, f.layout());
        float[] out = new float[3 * rows.size()];
        for (int i = 0; i < rows.size(); i++) f.read(rows.get(i), i, null, out, 3 * i);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i + 1, out[3 * i], "row " + i);
            assertEquals(-(i + 1) / 2f, out[3 * i + 1], "row " + i);
            assertEquals(i % 5, out[3 * i + 2], "row " + i);
        }
    }

    @Test
    void aSparseVectorColumnIsFilledInAndCutToAFeatureLimit() {
        TableFeatures all = TableFeatures.of(schema, "sparse", "t", 5, true, "model m");
        TableFeatures firstThree = TableFeatures.of(schema, "sparse", "t", 3, false, "model m");
        float[] five = new float[5];
        float[] three = new float[3];
        for (int i = 0; i < rows.size(); i++) {
            five[0] = 7; // stale values are cleared
            all.read(rows.get(i), i, null, five, 0);
            firstThree.read(rows.get(i), i, null, three, 0);
            for (int j = 0; j < 5; j++) {
                float expected = i % 4 != 0 && j == i % 5 ? i + 1 : 0;
                assertEquals(expected, five[j], "row " + i + " feature " + j);
                if (j < 3) assertEquals(expected, three[j], "row " + i + " feature " + j + " of 3");
            }
        }
        KnetException e = assertThrows(KnetException.class, () -> TableFeatures.of(schema, "sparse", "t", 3, true,
                "model m").read(rows.get(1), 1, null, three, 0));
        assertEquals("row 1: features column 'sparse' holds 5 features; model m takes rows of 3", e.getMessage());
    }
}
