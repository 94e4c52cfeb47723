package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialOutcome;

/** Compaction keeps exactly the rows, leaves one file per table, is idempotent and survives an interruption anywhere. */
class CompactionTest {
    private static final String SWEEP = "s:1";
    @TempDir
    Path dir;

    /** A sweep of 6 trials (one failed), two of them with two successive-halving rungs, plus another sweep. */
    private ResultStore fill(Path root) {
        ResultStore store = ResultFixtures.writeTwoSweeps(root);
        for (int i = 0; i < 5; i++) store.writeTrial(ResultFixtures.completed(SWEEP, Stage.COARSE, i, 1 + i % 3));
        store.writeTrial(ResultFixtures.failed(SWEEP, Stage.FINE, 0));
        for (int i = 0; i < 2; i++) {
            TrialOutcome full = ResultFixtures.completed(SWEEP, Stage.FINE, 1 + i, 4);
            store.writeRung(ResultFixtures.atRung(withCurve(full, 2, 2), 0, 0));
            store.writeRung(ResultFixtures.atRung(withCurve(full, 4, 4), 1, 0));
            store.writeTrialRow(full);
        }
        ModelFiles models = new ModelFiles(store);
        for (int i = 0; i < 2; i++)
            models.writeRow(new ModelFiles.Row(SWEEP, "coarse-00" + i, models.dir(SWEEP, "coarse-00" + i), 1, 100 + i, 0.5));
        store.writeSweep(ResultFixtures.complete(SWEEP));
        return store;
    }

    /** {@code o} after {@code epochs} epochs, with the curve of those epochs only from {@code last - n + 1}. */
    private static TrialOutcome withCurve(TrialOutcome o, int epochs, int last) {
        var curve = o.epochCurve().stream().filter(m -> m.epoch() > last - 2 && m.epoch() <= last).toList();
        return o.toBuilder().epochs(epochs).epochCurve(curve).build();
    }

    private static Path partition(Path root, String table, String sweepId) {
        return root.resolve(table).resolve("sweep_id=" + ResultLayout.escape(sweepId));
    }

    private static List<Path> dataFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** Every row of the table's partition, all columns, as a multiset of their text forms. */
    private static Map<String, Integer> rows(ResultStore store, Path root, String table, String sweepId)
            throws IOException {
        Map<String, Integer> rows = new HashMap<>();
        for (Path f : dataFiles(partition(root, table, sweepId))) {
            for (Group g : ParquetFiles.read(store.conf(), new org.apache.hadoop.fs.Path(f.toUri())))
                rows.merge(g.toString(), 1, Integer::sum);
        }
        return rows;
    }

    private static Map<String, Map<String, Integer>> allRows(ResultStore store, Path root, String sweepId)
            throws IOException {
        Map<String, Map<String, Integer>> all = new HashMap<>();
        for (String t : Compaction.TABLES) all.put(t, rows(store, root, t, sweepId));
        return all;
    }

    @Test
    void keepsExactlyTheRowsInOneFilePerTable() throws IOException {
        Path root = dir.resolve("t");
        ResultStore store = fill(root);
        var before = allRows(store, root, SWEEP);
        List<TrialOutcome> trials = store.readTrials(SWEEP);
        List<TrialOutcome> rungs = store.readRungs(SWEEP);
        var otherBefore = allRows(store, root, "sweep-a");
        assertEquals(8, dataFiles(partition(root, ResultSchema.TRIALS, SWEEP)).size());

        List<Compaction.TableResult> done = store.compact(SWEEP);
        assertEquals(List.of(new Compaction.TableResult("epochs", 10, 1, 17),
                new Compaction.TableResult("models", 2, 1, 2), new Compaction.TableResult("rungs", 4, 1, 4),
                new Compaction.TableResult("trials", 8, 1, 8)), done);
        for (String t : Compaction.TABLES)
            assertEquals(List.of(Compaction.FILE), dataFiles(partition(root, t, SWEEP)).stream()
                    .map(p -> p.getFileName().toString()).toList(), t);
        assertEquals(before, allRows(store, root, SWEEP));
        assertEquals(otherBefore, allRows(store, root, "sweep-a"), "other sweeps are untouched");
        assertFalse(Files.exists(root.resolve(ResultLayout.COMPACTION)), "no work folder left");
        ResultStore fresh = new ResultStore(root.toString());
        assertEquals(trials, fresh.readTrials(SWEEP));
        assertEquals(rungs, fresh.readRungs(SWEEP));
        for (TrialOutcome t : trials) {
            assertTrue(fresh.hasTrial(SWEEP, t.trialId()));
            assertEquals(t, fresh.readTrial(SWEEP, t.trialId()).orElseThrow());
        }
        for (TrialOutcome r : rungs) {
            assertTrue(fresh.hasRung(SWEEP, r.trialId(), r.rung()));
            TrialOutcome back = fresh.readRung(SWEEP, r.trialId(), r.rung()).orElseThrow();
            assertEquals(2, back.epochCurve().size(), "a compacted rung keeps only its own epochs");
            assertEquals(r.rung() == 0 ? 1 : 3, back.epochCurve().get(0).epoch());
        }
        assertFalse(fresh.hasTrial(SWEEP, "coarse-099"));
        assertFalse(fresh.hasRung(SWEEP, "fine-001", 2));

        assertEquals(List.of(new Compaction.TableResult("epochs", 1, 1, -1),
                new Compaction.TableResult("models", 1, 1, -1), new Compaction.TableResult("rungs", 1, 1, -1),
                new Compaction.TableResult("trials", 1, 1, -1)), store.compact(SWEEP), "idempotent");
        assertEquals(before, allRows(store, root, SWEEP));
    }

    @Test
    void aTopRungTrainedAfreshKeepsItsOwnCurveApartFromTheScreeningRungsBeforeAndAfterCompaction() throws IOException {
        // halving.restarts: rungs 0 and 1 are screening runs (epochs 1-2, 3-4); rung 2 trains the trial whole (1-6)
        Path root = dir.resolve("fresh");
        ResultStore store = new ResultStore(root.toString());
        TrialOutcome whole = ResultFixtures.completed(SWEEP, Stage.COARSE, 0, 6);
        store.writeRung(ResultFixtures.atRung(withCurve(whole, 2, 2), 0, 0));
        store.writeRung(ResultFixtures.atRung(withCurve(whole, 4, 4), 1, 0));
        TrialOutcome top = ResultFixtures.atRung(whole, 2, 0);
        store.writeRung(top);
        store.writeTrialRow(top);
        for (ResultStore s : List.of(store, compacted(store, root))) {
            assertEquals(List.of(1, 2, 3, 4, 5, 6), s.readTrial(SWEEP, top.trialId()).orElseThrow().epochCurve()
                    .stream().map(m -> m.epoch()).toList(), "the trial's curve is its own run's");
            assertEquals(whole.epochCurve(), s.readTrials(SWEEP).get(0).epochCurve());
            for (int rung = 0; rung < 3; rung++) {
                List<Integer> epochs = s.readRung(SWEEP, top.trialId(), rung).orElseThrow().epochCurve().stream()
                        .map(m -> m.epoch()).toList();
                assertEquals(rung == 0 ? List.of(1, 2) : rung == 1 ? List.of(3, 4) : List.of(1, 2, 3, 4, 5, 6),
                        epochs, "rung " + rung);
            }
        }
    }

    private static ResultStore compacted(ResultStore store, Path root) {
        store.compact(SWEEP);
        return new ResultStore(root.toString());
    }

    @Test
    void trialsStoredAfterACompactionJoinTheNextOne() throws IOException {
        Path root = dir.resolve("resume");
        ResultStore store = fill(root);
        TrialOutcome late = ResultFixtures.completed(SWEEP, Stage.FINAL, 0, 3);
        // a trial killed between its epochs file and its trials row: the epochs file is carried over, not merged
        store.writeTrial(late);
        Path lateRow = partition(root, ResultSchema.TRIALS, SWEEP).resolve("trial-final-000.parquet");
        Files.delete(lateRow);
        assertEquals(List.of(new Compaction.TableResult("epochs", 11, 2, 17),
                new Compaction.TableResult("models", 2, 1, 2), new Compaction.TableResult("rungs", 4, 1, 4),
                new Compaction.TableResult("trials", 8, 1, 8)), store.compact(SWEEP));
        assertFalse(store.hasTrial(SWEEP, late.trialId()));
        store.writeTrial(late); // the resumed sweep stores it again
        List<TrialOutcome> all = store.readTrials(SWEEP);
        assertEquals(9, all.size());
        assertEquals(9, all.stream().map(TrialOutcome::trialId).distinct().count());
        assertEquals(late, store.readTrial(SWEEP, late.trialId()).orElseThrow());
        var before = allRows(store, root, SWEEP);
        assertEquals(List.of(new Compaction.TableResult("epochs", 2, 1, 20),
                new Compaction.TableResult("models", 1, 1, -1), new Compaction.TableResult("rungs", 1, 1, -1),
                new Compaction.TableResult("trials", 2, 1, 9)), store.compact(SWEEP));
        assertEquals(before, allRows(store, root, SWEEP));
        assertEquals(all, store.readTrials(SWEEP));
    }

    /** A compaction that stops (as if killed) after one step of one table. */
    private static final class Interrupted extends Compaction {
        private final Step at;
        private final String table;

        Interrupted(ResultStore store, Step at, String table) {
            super(store);
            this.at = at;
            this.table = table;
        }

        @Override
        void after(Step step, String t) throws IOException {
            if (step == at && t.equals(table)) throw new IOException("killed after " + step);
        }
    }

    @Test
    void anInterruptedCompactionLeavesNoDuplicatesAndIsFinishedByTheNextRun() throws IOException {
        for (String table : Compaction.TABLES) {
            for (Compaction.Step step : Compaction.Step.values()) {
                Path root = dir.resolve("crash-" + table + "-" + step);
                ResultStore store = fill(root);
                var before = allRows(store, root, SWEEP);
                List<TrialOutcome> trials = store.readTrials(SWEEP);
                assertThrows(RuntimeException.class, () -> new Interrupted(store, step, table).compact(SWEEP));
                var now = allRows(store, root, SWEEP);
                for (String t : Compaction.TABLES) {
                    boolean missing = t.equals(table) && step == Compaction.Step.OLD_MOVED;
                    // never a row twice: each table holds all its rows, or (between the two renames) none
                    assertEquals(missing ? Map.of() : before.get(t), now.get(t), table + " " + step + ": " + t);
                }
                ResultStore next = new ResultStore(root.toString());
                assertTrue(next.recoverCompaction(SWEEP));
                assertEquals(before, allRows(next, root, SWEEP), table + " " + step + " after recovery");
                assertEquals(trials, next.readTrials(SWEEP));
                next.compact(SWEEP);
                assertEquals(before, allRows(next, root, SWEEP), table + " " + step + " after the next compaction");
                for (String t : Compaction.TABLES) assertEquals(1, dataFiles(partition(root, t, SWEEP)).size());
                assertFalse(Files.exists(root.resolve(ResultLayout.COMPACTION)));
                assertFalse(next.recoverCompaction(SWEEP));
            }
        }
    }

    @Test
    void rowsOfAnOlderSchemaGetNullsForTheNewColumns() {
        MessageType full = ResultSchema.EPOCHS_PARQUET;
        Types.MessageTypeBuilder older = Types.buildMessage();
        for (int i = 0; i < full.getFieldCount() - 1; i++) older.addField(full.getType(i));
        MessageType old = older.named(full.getName());
        Group row = new org.apache.parquet.example.data.simple.SimpleGroup(old);
        row.add(0, org.apache.parquet.io.api.Binary.fromString("coarse-000"));
        row.add(1, 3);
        Group conformed = Compaction.conform(row, full);
        assertEquals(full, conformed.getType());
        assertEquals("coarse-000", conformed.getString(0, 0));
        assertEquals(3, conformed.getInteger(1, 0));
        assertEquals(0, conformed.getFieldRepetitionCount(full.getFieldCount() - 1));
    }
}
