package org.knetsweep.results;

import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The result tables' contract, in one place: table and column names, the Parquet schema of the files and the Spark
 * schema a reader sees.
 *
 * <p>Every table is partitioned by {@link #SWEEP_ID} as Hive-style directories ({@code sweep_id=<id>}); the files do
 * not hold that column, Spark adds it (last) from the directory. All columns are optional (nullable): a NaN double
 * and a null string are stored as null. Types as Spark reads them: strings are {@code BINARY (STRING)} → string,
 * {@code int32} → int, {@code int64} → bigint, {@code double}, {@code boolean}, timestamps are
 * {@code INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)} → timestamp, {@code hidden} is a standard 3-level LIST of
 * int32 → array&lt;int&gt;.
 *
 * <p>The Spark schemas are built on demand so that writing and reading files through {@link ResultStore} never
 * needs Spark's classes.
 */
public final class ResultSchema {
    /** Table of one row per finished trial; a trial's row here is its commit marker. */
    public static final String TRIALS = "trials";
    /** Table of one row per epoch of a trial. */
    public static final String EPOCHS = "epochs";
    /** Table of one row per sweep. */
    public static final String SWEEPS = "sweeps";
    /**
     * Table of one row per trial and successive-halving rung it finished (the trials schema; {@code rung} set), the
     * driver's input for promotions. Empty unless a stage ran as successive halving.
     */
    public static final String RUNGS = "rungs";
    /**
     * Table of one row per candidate of a search stage (a candidate = one hyperparameter setting with its replicas):
     * replica count, mean, standard deviation and 95% confidence interval of validation accuracy, rank by mean.
     */
    public static final String CANDIDATES = "candidates";
    /**
     * Table of one row per saved model artifact (see {@link ModelFiles}): where it is, its format version and size,
     * and the test accuracy its run measured.
     */
    public static final String MODELS = "models";
    /** The tables, in the order they are documented. */
    public static final List<String> TABLES = List.of(TRIALS, EPOCHS, SWEEPS, RUNGS, CANDIDATES, MODELS);

    /** The partition column of every table (from the directory name, not stored in the files). */
    public static final String SWEEP_ID = "sweep_id";

    // trials
    public static final String STAGE = "stage";
    public static final String TRIAL_ID = "trial_id";
    public static final String TRIAL_INDEX = "trial_index";
    public static final String LOG10_LAMBDA = "log10_lambda";
    public static final String LAMBDA = "lambda";
    public static final String HIDDEN = "hidden";
    public static final String BATCH_NORM = "batch_norm";
    public static final String INIT = "init";
    public static final String INIT_SIGMA = "init_sigma";
    public static final String SEED = "seed";
    public static final String CYCLES = "cycles";
    public static final String EPOCHS_COUNT = "epochs";
    public static final String STEPS = "steps";
    public static final String STATUS = "status";
    public static final String ERROR = "error";
    public static final String VAL_ACCURACY = "val_accuracy";
    public static final String BEST_VAL_ACCURACY = "best_val_accuracy";
    public static final String VAL_COST = "val_cost";
    public static final String VAL_LOSS = "val_loss";
    public static final String TRAIN_ACCURACY = "train_accuracy";
    public static final String TRAIN_COST = "train_cost";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String TEST_ACCURACY = "test_accuracy";
    public static final String WALL_MS = "wall_ms";
    public static final String EXECUTOR_ID = "executor_id";
    public static final String HOST = "host";
    public static final String ATTEMPT = "attempt";
    public static final String CONFIG_HASH = "config_hash";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String REPLICA = "replica";
    public static final String RUNG = "rung";

    // epochs (also: trial_id, the train_* and val_* metric names above)
    public static final String EPOCH = "epoch";
    public static final String STEP = "step";
    public static final String LEARNING_RATE = "learning_rate";

    // sweeps (also: status, started_at, finished_at, best_val_accuracy, test_accuracy)
    public static final String NAME = "name";
    public static final String CONFIG = "config";
    public static final String BEST_TRIAL_ID = "best_trial_id";
    public static final String BEST_LOG10_LAMBDA = "best_log10_lambda";
    public static final String SPARK_MASTER = "spark_master";
    public static final String APPLICATION_ID = "application_id";
    public static final String VERSIONS = "versions";
    public static final String NOTES = "notes";
    public static final String SPACE = "space";
    public static final String TEST_ACCURACY_MEAN = "test_accuracy_mean";
    public static final String TEST_ACCURACY_SD = "test_accuracy_sd";
    public static final String TEST_CI95_LOW = "test_ci95_low";
    public static final String TEST_CI95_HIGH = "test_ci95_high";
    public static final String FINAL_REPLICAS = "final_replicas";
    public static final String REFIT = "refit";

    // candidates (also: stage, trial_index, log10_lambda)
    public static final String CANDIDATE_ID = "candidate_id";
    public static final String REPLICAS = "replicas";
    public static final String MEAN_VAL_ACCURACY = "mean_val_accuracy";
    public static final String SD_VAL_ACCURACY = "sd_val_accuracy";
    public static final String CI95_LOW = "ci95_low";
    public static final String CI95_HIGH = "ci95_high";
    public static final String RANK = "rank";

    // trials and rungs (appended), candidates (appended with cycles, hidden, batch_norm, init, init_sigma)
    public static final String ETA_MIN = "eta_min";
    public static final String ETA_MAX = "eta_max";
    public static final String STEP_SIZE = "step_size";
    public static final String BATCH_SIZE = "batch_size";
    // models (also: trial_id, test_accuracy)
    public static final String PATH = "path";
    public static final String FORMAT_VERSION = "format_version";
    public static final String BYTES = "bytes";

    /** The element field of the standard 3-level LIST ({@code hidden.list.element}). */
    static final String LIST = "list";
    static final String ELEMENT = "element";

    /** Parquet schema of a {@code trials} file. */
    public static final MessageType TRIALS_PARQUET = Types.buildMessage()
            .addField(string(STAGE))
            .addField(string(TRIAL_ID))
            .addField(Types.optional(INT32).named(TRIAL_INDEX))
            .addField(Types.optional(DOUBLE).named(LOG10_LAMBDA))
            .addField(Types.optional(DOUBLE).named(LAMBDA))
            .addField(Types.optionalList().optionalElement(INT32).named(HIDDEN))
            .addField(Types.optional(BOOLEAN).named(BATCH_NORM))
            .addField(string(INIT))
            .addField(Types.optional(DOUBLE).named(INIT_SIGMA))
            .addField(Types.optional(INT64).named(SEED))
            .addField(Types.optional(INT32).named(CYCLES))
            .addField(Types.optional(INT32).named(EPOCHS_COUNT))
            .addField(Types.optional(INT64).named(STEPS))
            .addField(string(STATUS))
            .addField(string(ERROR))
            .addField(Types.optional(DOUBLE).named(VAL_ACCURACY))
            .addField(Types.optional(DOUBLE).named(BEST_VAL_ACCURACY))
            .addField(Types.optional(DOUBLE).named(VAL_COST))
            .addField(Types.optional(DOUBLE).named(VAL_LOSS))
            .addField(Types.optional(DOUBLE).named(TRAIN_ACCURACY))
            .addField(Types.optional(DOUBLE).named(TRAIN_COST))
            .addField(Types.optional(DOUBLE).named(TRAIN_LOSS))
            .addField(Types.optional(DOUBLE).named(TEST_ACCURACY))
            .addField(Types.optional(INT64).named(WALL_MS))
            .addField(string(EXECUTOR_ID))
            .addField(string(HOST))
            .addField(Types.optional(INT32).named(ATTEMPT))
            .addField(string(CONFIG_HASH))
            .addField(timestamp(STARTED_AT))
            .addField(timestamp(FINISHED_AT))
            .addField(Types.optional(INT32).named(REPLICA))
            .addField(Types.optional(INT32).named(RUNG))
            .addField(Types.optional(DOUBLE).named(ETA_MIN))
            .addField(Types.optional(DOUBLE).named(ETA_MAX))
            .addField(Types.optional(INT32).named(STEP_SIZE))
            .addField(Types.optional(INT32).named(BATCH_SIZE))
            .named("trial");

    /** Parquet schema of an {@code epochs} file. */
    public static final MessageType EPOCHS_PARQUET = Types.buildMessage()
            .addField(string(TRIAL_ID))
            .addField(Types.optional(INT32).named(EPOCH))
            .addField(Types.optional(INT64).named(STEP))
            .addField(Types.optional(DOUBLE).named(LEARNING_RATE))
            .addField(Types.optional(DOUBLE).named(TRAIN_COST))
            .addField(Types.optional(DOUBLE).named(TRAIN_LOSS))
            .addField(Types.optional(DOUBLE).named(TRAIN_ACCURACY))
            .addField(Types.optional(DOUBLE).named(VAL_COST))
            .addField(Types.optional(DOUBLE).named(VAL_LOSS))
            .addField(Types.optional(DOUBLE).named(VAL_ACCURACY))
            .addField(Types.optional(INT32).named(RUNG))
            .named("epoch");

    /** Parquet schema of a {@code sweeps} file. */
    public static final MessageType SWEEPS_PARQUET = Types.buildMessage()
            .addField(string(NAME))
            .addField(string(CONFIG))
            .addField(string(STATUS))
            .addField(timestamp(STARTED_AT))
            .addField(timestamp(FINISHED_AT))
            .addField(string(BEST_TRIAL_ID))
            .addField(Types.optional(DOUBLE).named(BEST_LOG10_LAMBDA))
            .addField(Types.optional(DOUBLE).named(BEST_VAL_ACCURACY))
            .addField(Types.optional(DOUBLE).named(TEST_ACCURACY))
            .addField(string(SPARK_MASTER))
            .addField(string(APPLICATION_ID))
            .addField(string(VERSIONS))
            .addField(string(NOTES))
            .addField(string(SPACE))
            .addField(Types.optional(DOUBLE).named(TEST_ACCURACY_MEAN))
            .addField(Types.optional(DOUBLE).named(TEST_ACCURACY_SD))
            .addField(Types.optional(DOUBLE).named(TEST_CI95_LOW))
            .addField(Types.optional(DOUBLE).named(TEST_CI95_HIGH))
            .addField(Types.optional(INT32).named(FINAL_REPLICAS))
            .addField(string(REFIT))
            .named("sweep");

    /** Parquet schema of a {@code candidates} file (one file per stage of a sweep). */
    public static final MessageType CANDIDATES_PARQUET = Types.buildMessage()
            .addField(string(STAGE))
            .addField(string(CANDIDATE_ID))
            .addField(Types.optional(INT32).named(TRIAL_INDEX))
            .addField(Types.optional(DOUBLE).named(LOG10_LAMBDA))
            .addField(Types.optional(INT32).named(REPLICAS))
            .addField(Types.optional(DOUBLE).named(MEAN_VAL_ACCURACY))
            .addField(Types.optional(DOUBLE).named(SD_VAL_ACCURACY))
            .addField(Types.optional(DOUBLE).named(CI95_LOW))
            .addField(Types.optional(DOUBLE).named(CI95_HIGH))
            .addField(Types.optional(INT32).named(RANK))
            .addField(Types.optional(DOUBLE).named(ETA_MIN))
            .addField(Types.optional(DOUBLE).named(ETA_MAX))
            .addField(Types.optional(INT32).named(STEP_SIZE))
            .addField(Types.optional(INT32).named(BATCH_SIZE))
            .addField(Types.optional(INT32).named(CYCLES))
            .addField(Types.optionalList().optionalElement(INT32).named(HIDDEN))
            .addField(Types.optional(BOOLEAN).named(BATCH_NORM))
            .addField(string(INIT))
            .addField(Types.optional(DOUBLE).named(INIT_SIGMA))
            .named("candidate");

    /** Parquet schema of a {@code models} file (one file per saved model). */
    public static final MessageType MODELS_PARQUET = Types.buildMessage()
            .addField(string(TRIAL_ID))
            .addField(string(PATH))
            .addField(Types.optional(INT32).named(FORMAT_VERSION))
            .addField(Types.optional(INT64).named(BYTES))
            .addField(Types.optional(DOUBLE).named(TEST_ACCURACY))
            .named("model");

    private ResultSchema() {
    }

    /** The Parquet schema of the files of {@code table}. */
    public static MessageType parquet(String table) {
        return switch (checkTable(table)) {
            case TRIALS, RUNGS -> TRIALS_PARQUET;
            case EPOCHS -> EPOCHS_PARQUET;
            case CANDIDATES -> CANDIDATES_PARQUET;
            case MODELS -> MODELS_PARQUET;
            default -> SWEEPS_PARQUET;
        };
    }

    /**
     * The schema Spark reads for {@code table}: the file columns in order, then {@link #SWEEP_ID} (string), all
     * nullable.
     */
    public static StructType spark(String table) {
        MessageType parquet = parquet(table);
        StructField[] fields = new StructField[parquet.getFieldCount() + 1];
        for (int i = 0; i < parquet.getFieldCount(); i++) {
            String name = parquet.getFieldName(i);
            fields[i] = DataTypes.createStructField(name, sparkType(table, name), true);
        }
        fields[fields.length - 1] = DataTypes.createStructField(SWEEP_ID, DataTypes.StringType, true);
        return DataTypes.createStructType(fields);
    }

    /** {@code table} itself, or an IllegalArgumentException if it is not one of {@link #TABLES}. */
    static String checkTable(String table) {
        if (!TABLES.contains(table)) throw new IllegalArgumentException("unknown result table '" + table + "'; expected one of " + TABLES);
        return table;
    }

    /** The Spark type of one file column, written out per column so that the contract reads as a table. */
    private static DataType sparkType(String table, String column) {
        if (column.equals(HIDDEN)) return DataTypes.createArrayType(DataTypes.IntegerType, true);
        if (column.equals(STARTED_AT) || column.equals(FINISHED_AT)) return DataTypes.TimestampType;
        return switch (parquet(table).getType(column).asPrimitiveType().getPrimitiveTypeName()) {
            case BINARY -> DataTypes.StringType;
            case INT32 -> DataTypes.IntegerType;
            case INT64 -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            default -> throw new IllegalStateException("no Spark type for " + table + "." + column);
        };
    }

    private static org.apache.parquet.schema.Type string(String name) {
        return Types.optional(BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    private static org.apache.parquet.schema.Type timestamp(String name) {
        return Types.optional(INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
    }
}
