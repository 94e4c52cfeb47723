package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.trial.Stage;

/** The files ResultStore writes, read by Spark: the documented columns and types, partitions and joins. */
@Tag("spark")
class ResultTablesSparkTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static List<String> registered;

    @BeforeAll
    static void writeTablesAndRegister() {
        spark = SparkTestSession.get();
        ResultFixtures.writeTwoSweeps(dir);
        registered = ResultTables.register(spark, dir.toString());
    }

    private static List<String> columns(StructType schema) {
        return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
    }

    @Test
    void registersAViewPerTable() {
        assertEquals(List.of("trials", "epochs", "sweeps", "rungs", "candidates", "models"), registered);
    }

    @Test
    void theModelsTableJoinsTheTrials() {
        Row m = spark.sql("SELECT m.trial_id, m.format_version, m.bytes, m.test_accuracy, t.stage, m.path "
                + "FROM models m JOIN trials t USING (sweep_id, trial_id) WHERE sweep_id = 'sweep-a'").first();
        assertEquals("fine-000", m.getString(0));
        assertEquals(1, m.getInt(1));
        assertEquals(123_456L, m.getLong(2));
        assertEquals(0.5125, m.getDouble(3), 0);
        assertEquals("fine", m.getString(4));
        assertTrue(m.getString(5).endsWith("/model-files/sweep_id=sweep-a/fine-000"), m.getString(5));
    }

    @Test
    void rungsAndCandidatesComeBackAsWritten() {
        Row rung = spark.sql("SELECT trial_id, rung, replica, status FROM rungs WHERE sweep_id = 'sweep-a'").first();
        assertEquals("coarse-000", rung.getString(0));
        assertEquals(0, rung.getInt(1));
        assertEquals(1, rung.getInt(2));
        assertEquals("COMPLETE", rung.getString(3));
        assertTrue(spark.sql("SELECT rung FROM trials WHERE trial_id = 'fine-000'").first().isNullAt(0),
                "no rung outside successive halving");
        List<Row> c = spark.sql("SELECT candidate_id, replicas, mean_val_accuracy, ci95_low, ci95_high, rank "
                + "FROM candidates WHERE sweep_id = 'sweep-a' ORDER BY rank").collectAsList();
        assertEquals(2, c.size());
        assertEquals("coarse-001", c.get(0).getString(0));
        assertEquals(3, c.get(0).getInt(1));
        assertEquals(0.51, c.get(0).getDouble(3), 0);
        assertTrue(c.get(1).isNullAt(3) && c.get(1).isNullAt(4), "no interval from one run");
        assertEquals(2, c.get(1).getInt(5));
    }

    @Test
    void filesReadWithoutASchemaHaveExactlyTheDocumentedColumnsAndTypes() {
        for (String table : ResultSchema.TABLES) {
            StructType inferred = spark.read().parquet(dir.resolve(table).toString()).schema();
            assertEquals(columns(ResultSchema.spark(table)), columns(inferred), table);
            assertEquals(ResultSchema.spark(table), inferred.asNullable(), table);
        }
    }

    @Test
    void viewsHaveTheDocumentedSchema() {
        StructType trials = spark.table("trials").schema();
        assertEquals(ResultSchema.spark("trials"), trials);
        assertEquals(new ArrayType(DataTypes.IntegerType, true), trials.apply("hidden").dataType());
        assertEquals(DataTypes.TimestampType, trials.apply("started_at").dataType());
        assertEquals(DataTypes.StringType, trials.apply("sweep_id").dataType());
        assertEquals(DataTypes.LongType, trials.apply("seed").dataType());
        StructField last = trials.fields()[trials.fields().length - 1];
        assertEquals("sweep_id", last.name());
        assertEquals(37, trials.fields().length);
        // columns are appended, never renamed: the search-space settings come after every earlier column
        String[] names = trials.fieldNames();
        assertEquals(List.of("rung", "eta_min", "eta_max", "step_size", "batch_size", "sweep_id"),
                List.of(names).subList(names.length - 6, names.length));
        assertEquals(DataTypes.DoubleType, trials.apply("eta_max").dataType());
        assertEquals(DataTypes.IntegerType, trials.apply("step_size").dataType());
        assertEquals(ResultSchema.spark("epochs"), spark.table("epochs").schema());
        assertEquals(ResultSchema.spark("sweeps"), spark.table("sweeps").schema());
    }

    @Test
    void valuesComeBackAsWritten() {
        Row row = spark.sql("SELECT stage, hidden, started_at, test_accuracy, error, status, sweep_id FROM trials "
                + "WHERE sweep_id = 'sweep-a' AND trial_id = 'fine-000'").first();
        assertEquals("fine", row.getString(0));
        assertEquals(List.of(50, 30), row.getList(1));
        assertEquals(Timestamp.from(ResultFixtures.T0), row.getTimestamp(2));
        assertTrue(row.isNullAt(3), "NaN test accuracy stored as null");
        assertTrue(row.isNullAt(4), "empty error stored as null");
        assertEquals("COMPLETE", row.getString(5));

        Row failed = spark.sql("SELECT status, error, val_accuracy, host, finished_at FROM trials "
                + "WHERE trial_id = 'coarse-002'").first();
        assertEquals("FAILED", failed.getString(0));
        assertTrue(failed.getString(1).startsWith("java.lang.IllegalStateException: boom"));
        assertTrue(failed.isNullAt(2) && failed.isNullAt(3) && failed.isNullAt(4));

        Row sweep = spark.sql("SELECT status, finished_at, best_trial_id FROM sweeps WHERE sweep_id = 'grid:b/1'").first();
        assertEquals("RUNNING", sweep.getString(0));
        assertTrue(sweep.isNullAt(1) && sweep.isNullAt(2));
    }

    @Test
    void sweepIdFilterPrunesPartitions() {
        Dataset<Row> b = spark.table("trials").where("sweep_id = 'grid:b/1'");
        assertEquals(3, b.count());
        String plan = b.queryExecution().executedPlan().toString();
        assertTrue(plan.matches("(?s).*PartitionFilters: \\[[^\\]]*sweep_id#\\d+ = grid:b/1.*"), plan);
        List<String> files = spark.sql("SELECT DISTINCT input_file_name() FROM trials WHERE sweep_id = 'grid:b/1'")
                .as(Encoders.STRING()).collectAsList();
        assertEquals(3, files.size());
        assertTrue(files.stream().allMatch(f -> f.contains("/trials/sweep_id=grid%253Ab%252F1/") // URI-encoded
                || f.contains("/trials/sweep_id=grid%3Ab%2F1/")), files.toString());
        assertEquals(List.of("grid:b/1", "sweep-a"),
                spark.sql("SELECT DISTINCT sweep_id FROM trials ORDER BY sweep_id").as(Encoders.STRING()).collectAsList());
    }

    @Test
    void epochsJoinTrials() {
        List<Row> rows = spark.sql("""
                SELECT t.sweep_id, t.trial_id, count(e.epoch) AS n, max(e.val_accuracy) AS best
                FROM trials t LEFT JOIN epochs e ON e.sweep_id = t.sweep_id AND e.trial_id = t.trial_id
                GROUP BY t.sweep_id, t.trial_id ORDER BY t.sweep_id, t.trial_id""").collectAsList();
        Map<String, Long> expected = Map.of("grid:b/1 coarse-000", 1L, "grid:b/1 coarse-001", 2L,
                "grid:b/1 coarse-002", 0L, "sweep-a coarse-000", 3L, "sweep-a coarse-001", 2L, "sweep-a fine-000", 4L);
        assertEquals(6, rows.size());
        for (Row r : rows) assertEquals(expected.get(r.getString(0) + " " + r.getString(1)), r.getLong(2));
        double best = spark.sql("SELECT val_accuracy FROM trials WHERE sweep_id = 'sweep-a' AND trial_id = 'fine-000'")
                .first().getDouble(0);
        Row fine = rows.stream().filter(r -> r.getString(1).equals("fine-000")).findFirst().orElseThrow();
        assertEquals(best, fine.getDouble(3), 1e-12);
    }

    @Test
    void aMissingRootRegistersNothingAndDropsAnEarlierRootsViews() {
        SparkSession other = spark.newSession(); // own temporary views, same context
        assertEquals(ResultSchema.TABLES, ResultTables.register(other, dir.toString()));
        assertEquals(List.of(), ResultTables.register(other, dir.resolve("nothing-here").toString()));
        org.junit.jupiter.api.Assertions.assertFalse(other.catalog().tableExists("trials"));
        org.junit.jupiter.api.Assertions.assertTrue(spark.catalog().tableExists("trials"));
    }

    @Test
    void createTableStatementsDeclareWorkingCatalogTables() {
        String sql = ResultTables.createTableStatements(dir.toString());
        assertTrue(sql.contains("CREATE TABLE IF NOT EXISTS trials"), sql);
        assertTrue(sql.contains("USING parquet"), sql);
        assertTrue(sql.contains("LOCATION 'file:" + dir.toAbsolutePath() + "/trials'"), sql);
        assertTrue(sql.contains("MSCK REPAIR TABLE trials;"), sql);
        SparkSession fresh = spark.newSession(); // same catalog, but without this class's temp views
        fresh.sql("CREATE DATABASE IF NOT EXISTS knet_test");
        fresh.sql("USE knet_test");
        try {
            for (String statement : sql.split(";\n")) {
                if (!statement.isBlank()) fresh.sql(statement);
            }
            assertEquals(6L, spark.sql("SELECT count(*) FROM knet_test.trials").first().getLong(0));
            assertEquals(12L, spark.sql("SELECT count(*) FROM knet_test.epochs").first().getLong(0));
            assertEquals(1L, spark.sql("SELECT count(*) FROM knet_test.sweeps WHERE sweep_id = 'grid:b/1'").first().getLong(0));
            assertEquals(ResultSchema.spark("trials"), spark.table("knet_test.trials").schema());
        } finally {
            fresh.sql("USE default");
            fresh.sql("DROP DATABASE knet_test CASCADE");
        }
        assertTrue(Files.exists(dir.resolve("trials")), "dropping the external tables keeps the files");
    }

    @Test
    void storeForASessionCarriesItsHadoopSettings() {
        ResultStore store = ResultTables.store(spark, dir.toString());
        assertEquals(ResultLayout.normalizeRoot(dir.toString()), store.root());
        assertFalse(store.readTrials("sweep-a").isEmpty());
        assertEquals(3, store.readTrials("sweep-a").stream().filter(t -> t.stage() != Stage.FINAL).count());
    }
}
