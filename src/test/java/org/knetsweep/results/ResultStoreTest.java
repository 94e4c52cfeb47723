package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.knetsweep.results.ResultFixtures.completed;
import static org.knetsweep.results.ResultFixtures.failed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/** ResultStore on the local file system, without Spark. */
class ResultStoreTest {
    @TempDir
    Path dir;

    private ResultStore store() {
        return new ResultStore(dir.toString());
    }

    private Path trialsFile(String sweepDir, String trialId) {
        return dir.resolve("trials").resolve("sweep_id=" + sweepDir).resolve("trial-" + trialId + ".parquet");
    }

    private Path epochsFile(String sweepDir, String trialId) {
        return dir.resolve("epochs").resolve("sweep_id=" + sweepDir).resolve("trial-" + trialId + ".parquet");
    }

    /** Regular files under {@code folder} (recursively), including Hadoop's hidden .crc files. */
    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) return List.of();
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> parquetFilesUnder(Path folder) throws IOException {
        return filesUnder(folder).stream().filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    }

    @Test
    void completedTrialRoundTripsWithItsEpochCurveAndNaNMetrics() {
        TrialOutcome written = completed("s1", Stage.COARSE, 3, 4);
        assertTrue(Double.isNaN(written.testAccuracy()));
        store().writeTrial(written);

        TrialOutcome read = store().readTrial("s1", written.trialId()).orElseThrow();
        assertEquals(written, read); // records compare doubles with Double.compare: NaN == NaN
        assertEquals(4, read.epochCurve().size());
        assertEquals(List.of(50, 30), read.hidden());
        assertEquals(ResultFixtures.T0.plusSeconds(180), read.startedAt());
        assertEquals(Instant.parse("2026-03-01T10:19:12.777777Z"), read.finishedAt()); // 42.654321 s later, in micros
    }

    @Test
    void failedTrialKeepsItsErrorTextAndNullsAndNoEpochs() {
        TrialOutcome written = failed("s1", Stage.FINE, 7);
        store().writeTrial(written);

        TrialOutcome read = store().readTrial("s1", written.trialId()).orElseThrow();
        assertEquals(written, read);
        assertEquals(TrainingStatus.FAILED, read.status());
        assertTrue(read.error().contains("boom\n\tat a.b.C"));
        assertTrue(Double.isNaN(read.valAccuracy()) && Double.isNaN(read.trainLoss()));
        assertNull(read.host());
        assertNull(read.finishedAt());
        assertTrue(read.epochCurve().isEmpty());
        assertTrue(Files.exists(epochsFile("s1", written.trialId())), "an empty epochs file replaces earlier attempts'");
    }

    @Test
    void emptyErrorIsStoredAsNullAndReadBackEmpty() throws IOException {
        store().writeTrial(completed("s1", Stage.COARSE, 0, 1));
        assertEquals("", store().readTrial("s1", "coarse-000").orElseThrow().error());
    }

    @Test
    void hasTrialIsFalseBeforeAndTrueAfterWriting() {
        ResultStore store = store();
        assertFalse(store.hasTrial("s1", "coarse-000"));
        assertTrue(store.readTrial("s1", "coarse-000").isEmpty());
        store.writeTrial(completed("s1", Stage.COARSE, 0, 2));
        assertTrue(store.hasTrial("s1", "coarse-000"));
        assertFalse(store.hasTrial("s2", "coarse-000"));
        assertFalse(store.hasTrial("s1", "coarse-001"));
    }

    @Test
    void rewritingATrialReplacesItsFilesSoItAppearsOnce() throws IOException {
        ResultStore store = store();
        store.writeTrial(completed("s1", Stage.COARSE, 0, 5));
        TrialOutcome retry = withAttempt(completed("s1", Stage.COARSE, 0, 2), 1);
        store.writeTrial(retry);

        assertEquals(List.of(trialsFile("s1", "coarse-000")), parquetFilesUnder(dir.resolve("trials")));
        assertEquals(List.of(epochsFile("s1", "coarse-000")), parquetFilesUnder(dir.resolve("epochs")));
        assertEquals(List.of(retry), store.readTrials("s1"));
        assertEquals(2, store.readTrial("s1", "coarse-000").orElseThrow().epochCurve().size());
    }

    @Test
    void nothingIsLeftInStagingAfterSuccessfulWrites() throws IOException {
        ResultStore store = store();
        store.writeTrial(completed("s1", Stage.COARSE, 0, 2));
        store.writeTrial(completed("s1", Stage.COARSE, 0, 2));
        store.writeSweep(ResultFixtures.running("s1"));
        assertEquals(List.of(), filesUnder(dir.resolve(ResultLayout.STAGING)));
    }

    @Test
    void epochsAreCommittedBeforeTheTrialsFileAndAFailureInBetweenLeavesTheTrialUnfinished() throws IOException {
        ResultStore crashing = new ResultStore(dir.toString()) {
            @Override
            void beforeCommit(String table, org.apache.hadoop.fs.Path target) throws IOException {
                if (table.equals(ResultSchema.TRIALS)) throw new IOException("simulated crash before the commit");
            }
        };
        TrialOutcome trial = completed("s1", Stage.COARSE, 0, 3);
        KnetException e = assertThrows(KnetException.class, () -> crashing.writeTrial(trial));
        assertTrue(e.getMessage().contains("simulated crash"), e.getMessage());
        assertTrue(e.getMessage().contains("trials"), e.getMessage());

        assertTrue(Files.exists(epochsFile("s1", "coarse-000")), "epochs written first");
        assertFalse(Files.exists(trialsFile("s1", "coarse-000")));
        assertFalse(store().hasTrial("s1", "coarse-000"));
        assertTrue(store().readTrials("s1").isEmpty());
        assertEquals(List.of(), filesUnder(dir.resolve(ResultLayout.STAGING)), "staging file removed on failure");

        store().writeTrial(trial); // the retry completes it
        assertEquals(List.of(trial), store().readTrials("s1"));
    }

    @Test
    void readTrialsSortsByStageThenIndexAndKeepsSweepsApart() {
        ResultStore store = store();
        store.writeTrial(completed("s1", Stage.FINAL, 0, 1));
        store.writeTrial(completed("s1", Stage.FINE, 1, 1));
        store.writeTrial(completed("s1", Stage.COARSE, 10, 1));
        store.writeTrial(failed("s1", Stage.COARSE, 2));
        store.writeTrial(completed("s1", Stage.FINE, 0, 1));
        store.writeTrial(completed("s2", Stage.COARSE, 0, 1));

        List<String> ids = store.readTrials("s1").stream().map(TrialOutcome::trialId).toList();
        assertEquals(List.of("coarse-002", "coarse-010", "fine-000", "fine-001", "final-000"), ids);
        assertEquals(1, store.readTrials("s2").size());
        assertTrue(store.readTrials("none").isEmpty());
        assertTrue(store.readTrials("s1").stream().allMatch(t -> t.sweepId().equals("s1")));
    }

    @Test
    void sweepRowRoundTripsAndIsOverwritten() throws IOException {
        ResultStore store = store();
        assertTrue(store.readSweep("s1").isEmpty());
        SweepRecord running = ResultFixtures.running("s1");
        store.writeSweep(running);
        assertEquals(running, store.readSweep("s1").orElseThrow()); // null finishedAt, null bestTrialId, NaN metrics

        SweepRecord done = ResultFixtures.complete("s1");
        store.writeSweep(done);
        assertEquals(done, store.readSweep("s1").orElseThrow());
        assertEquals(1, parquetFilesUnder(dir.resolve("sweeps")).size());
        assertTrue(Files.exists(dir.resolve("sweeps/sweep_id=s1/sweep.parquet")));
    }

    @Test
    void idsWithPathCharactersAreEscapedLikeHivePartitions() throws IOException {
        ResultStore store = store();
        TrialOutcome trial = completed("grid:b/1", Stage.COARSE, 0, 1);
        store.writeTrial(trial);
        assertTrue(Files.exists(trialsFile("grid%3Ab%2F1", "coarse-000")), filesUnder(dir).toString());
        assertEquals(List.of(trial), store.readTrials("grid:b/1"));
        assertEquals("a%3Db%25c%5B1%5D", ResultLayout.escape("a=b%c[1]"));
        assertThrows(KnetException.class, () -> store.hasTrial("", "x"));
    }

    @Test
    void filesHaveTheDocumentedParquetSchema() throws IOException {
        store().writeTrial(completed("s1", Stage.COARSE, 0, 1));
        store().writeSweep(ResultFixtures.running("s1"));
        assertEquals(ResultSchema.TRIALS_PARQUET, footerSchema(trialsFile("s1", "coarse-000")));
        assertEquals(ResultSchema.EPOCHS_PARQUET, footerSchema(epochsFile("s1", "coarse-000")));
        assertEquals(ResultSchema.SWEEPS_PARQUET, footerSchema(dir.resolve("sweeps/sweep_id=s1/sweep.parquet")));

        String hidden = ResultSchema.TRIALS_PARQUET.getType(ResultSchema.HIDDEN).toString().replaceAll("\\s+", " ");
        assertEquals("optional group hidden (LIST) { repeated group list { optional int32 element; } }", hidden);
        assertEquals("optional int64 started_at (TIMESTAMP(MICROS,true))",
                ResultSchema.TRIALS_PARQUET.getType(ResultSchema.STARTED_AT).toString());
        assertEquals("optional binary stage (STRING)", ResultSchema.TRIALS_PARQUET.getType(ResultSchema.STAGE).toString());
    }

    private MessageType footerSchema(Path file) throws IOException {
        var conf = new org.apache.hadoop.conf.Configuration();
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
            assertEquals("SNAPPY", reader.getRowGroups().isEmpty() ? "SNAPPY"
                    : reader.getRowGroups().get(0).getColumns().get(0).getCodec().name());
            return reader.getFileMetaData().getSchema();
        }
    }

    @Test
    void cleanStagingDeletesOnlyOldLeftoversUnlessAskedForAll() throws IOException {
        Path staging = Files.createDirectories(dir.resolve(ResultLayout.STAGING));
        Path old = Files.writeString(staging.resolve("old.parquet"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.writeString(staging.resolve("fresh.parquet"), "y");

        store().cleanStaging();
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh));
        assertEquals(1, store().cleanStaging(Duration.ZERO));
        assertFalse(Files.exists(fresh));
        assertEquals(0, new ResultStore(dir.resolve("missing").toString()).cleanStaging(Duration.ZERO));
    }

    @Test
    void rootWithoutSchemeBecomesAnAbsoluteFileUriAndUrisAreKept() {
        String abs = dir.toAbsolutePath().toString();
        assertEquals("file:" + abs, new ResultStore(dir.toString() + "/").root());
        assertEquals("file:" + Path.of("").toAbsolutePath().resolve("notebooks-out/tables"),
                new ResultStore("notebooks-out/tables").root());
        assertEquals("hdfs://nn:8020/knet/tables", new ResultStore("hdfs://nn:8020/knet/tables/").root());
        assertEquals("s3a://bucket/tables", new ResultStore("s3a://bucket/tables").root());
        assertEquals("file:///tmp/x", new ResultStore("file:///tmp/x").root());
        assertThrows(KnetException.class, () -> new ResultStore(" "));
    }

    @Test
    void storeSerializesWithItsSettingsAndWorksAfterwards() throws Exception {
        ResultStore store = new ResultStore(dir.toString(), Map.of("fs.permissions.umask-mode", "022"));
        assertFalse(store.exists() && store.hasTrial("s1", "coarse-000"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(store);
        }
        ResultStore copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ResultStore) in.readObject();
        }
        assertEquals(store.root(), copy.root());
        assertEquals("022", copy.conf().get("fs.permissions.umask-mode"));
        copy.writeTrial(completed("s1", Stage.COARSE, 0, 1));
        assertTrue(store.hasTrial("s1", "coarse-000"));
    }

    @Test
    void unreadableFilesAreReportedWithTheirPath() throws IOException {
        Path file = trialsFile("s1", "coarse-000");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not parquet");
        KnetException e = assertThrows(KnetException.class, () -> store().readTrial("s1", "coarse-000"));
        assertTrue(e.getMessage().contains("trial-coarse-000.parquet"), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot read trial coarse-000"), e.getMessage());
    }

    private static TrialOutcome withAttempt(TrialOutcome t, int attempt) {
        return t.toBuilder().attempt(attempt).build();
    }
}
