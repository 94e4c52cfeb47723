package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/** Optional numeric columns of the trials table, read by name: absent in old tables, typed in new ones. */
class TrialNumbersTest {
    @TempDir
    Path dir;

    @Test
    void columnsATableLacksAreAbsentAndStoredNumbersAreRead() {
        ResultStore store = new ResultStore(dir.resolve("tables").toString());
        store.writeTrial(trial("s1", 3, 0.4123));
        Map<String, Map<String, Double>> read = store.readTrialNumbers("s1",
                List.of("eta_max", "step_size", ResultSchema.VAL_ACCURACY, "trial_index", ResultSchema.TRIAL_ID));
        assertEquals(Map.of("coarse-003", Map.of(ResultSchema.VAL_ACCURACY, 0.4123, "trial_index", 3.0)), read);
        assertEquals(Map.of(), store.readTrialNumbers("no-such-sweep", List.of("eta_max")));
    }

    @Test
    void newColumnsOfAnyNumericTypeAreReadAndNullsLeftOut() throws IOException {
        String root = dir.resolve("tables").toString();
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("trial_id")
                .optional(PrimitiveTypeName.DOUBLE).named("eta_max")
                .optional(PrimitiveTypeName.INT32).named("step_size")
                .optional(PrimitiveTypeName.INT64).named("batch_size")
                .optional(PrimitiveTypeName.DOUBLE).named("eta_min")
                .named("trials");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        Group a = rows.newGroup().append("trial_id", "coarse-000").append("eta_max", 0.05).append("step_size", 900)
                .append("batch_size", 100L);
        Group b = rows.newGroup().append("trial_id", "coarse-001").append("eta_max", 0.2);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(
                ResultLayout.partitionDir(root, ResultSchema.TRIALS, "s2") + "/part-0.parquet");
        ParquetFiles.write(new Configuration(), file, schema, List.of(a, b));
        Map<String, Map<String, Double>> read = new ResultStore(root).readTrialNumbers("s2",
                List.of("eta_min", "eta_max", "step_size", "batch_size"));
        assertEquals(Map.of("eta_max", 0.05, "step_size", 900.0, "batch_size", 100.0), read.get("coarse-000"));
        assertEquals(Map.of("eta_max", 0.2), read.get("coarse-001"));
    }

    private static TrialOutcome trial(String sweepId, int index, double valAccuracy) {
        Instant t0 = Instant.parse("2026-11-27T06:00:00Z");
        return TrialOutcome.builder(sweepId, Stage.COARSE, "coarse-00" + index, index).lambda(-2, 0.01)
                .hidden(List.of(50, 50)).batchNorm(true).init("he").initSigma(0.1).seed(7L).cycles(2).epochs(20)
                .steps(200L).status(TrainingStatus.COMPLETE).valAccuracy(valAccuracy).bestValAccuracy(valAccuracy)
                .valCost(1.5).valLoss(1.4).trainAccuracy(0.5).trainCost(1.3).trainLoss(1.2).wallMs(1000L)
                .executorId("exec-1").host("127.0.0.1").configHash("abc").startedAt(t0).finishedAt(t0.plusSeconds(1))
                .build();
    }
}
