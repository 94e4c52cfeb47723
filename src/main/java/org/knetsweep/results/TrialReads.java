package org.knetsweep.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.TrialOutcome;

/**
 * The {@link ResultStore}'s reads of trials, rungs and epoch curves, candidates and the sweep row. A sweep's partition holds per-trial files
 * ({@code trial-TRIAL.parquet}, {@code trial-TRIAL.rungR.parquet}), and after a {@link Compaction} one
 * {@link Compaction#FILE} with the rows of the trials stored before it; a trial is in exactly one of them. Lookups
 * of one trial try its file first, then the compacted rows ({@link CompactedRows}).
 */
final class TrialReads {
    static final Comparator<TrialOutcome> TRIAL_ORDER = Comparator
            .comparing((TrialOutcome t) -> t.stage() == null ? Integer.MAX_VALUE : t.stage().ordinal())
            .thenComparingInt(TrialOutcome::trialIndex)
            .thenComparing(TrialOutcome::trialId, Comparator.nullsLast(Comparator.naturalOrder()));
    private static final Comparator<EpochMetrics> EPOCH_ORDER = Comparator.comparingInt(EpochMetrics::epoch)
            .thenComparingLong(EpochMetrics::step);

    private final ResultStore store;

    TrialReads(ResultStore store) {
        this.store = store;
    }

    boolean hasTrial(String sweepId, String trialId) {
        Path path = trialPath(ResultSchema.TRIALS, sweepId, trialId);
        try {
            return store.fs(path).exists(path) || compacted(ResultSchema.TRIALS, sweepId, trialId).findAny().isPresent();
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("check for trial " + trialId + " at", path, e);
        }
    }

    Optional<TrialOutcome> readTrial(String sweepId, String trialId) {
        Path path = trialPath(ResultSchema.TRIALS, sweepId, trialId);
        try {
            List<Group> rows = store.fs(path).exists(path) ? ParquetFiles.read(store.conf(), path)
                    : compacted(ResultSchema.TRIALS, sweepId, trialId).toList();
            List<TrialOutcome> trials = new ArrayList<>();
            for (Group row : rows) trials.add(ResultRows.trial(row, sweepId, readEpochs(sweepId, ResultRows.trialId(row))));
            return trials.stream().findFirst();
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("read trial " + trialId + " from", path, e);
        }
    }

    /** Every finished trial of a sweep, with its epoch curve, by stage (coarse, fine, final) then trial index. */
    List<TrialOutcome> readTrials(String sweepId) {
        Path dir = new Path(ResultLayout.partitionDir(store.root(), ResultSchema.TRIALS, sweepId));
        List<TrialOutcome> trials = new ArrayList<>();
        try {
            Map<String, List<EpochMetrics>> curves = readAllEpochs(sweepId);
            for (Path file : store.dataFiles(dir)) {
                for (Group row : ParquetFiles.read(store.conf(), file)) {
                    String id = ResultRows.trialId(row);
                    trials.add(ResultRows.trial(row, sweepId, curves.getOrDefault(id, List.of())));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("read the trials of sweep " + sweepId + " from", dir, e);
        }
        trials.sort(TRIAL_ORDER);
        return trials;
    }

    /** See {@link ResultStore#readTrialNumbers}. */
    Map<String, Map<String, Double>> readTrialNumbers(String sweepId, List<String> columns) {
        Path dir = new Path(ResultLayout.partitionDir(store.root(), ResultSchema.TRIALS, sweepId));
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        try {
            for (Path file : store.dataFiles(dir)) {
                for (Group row : ParquetFiles.read(store.conf(), file)) {
                    values.put(ResultRows.trialId(row), NumericColumns.read(row, columns));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("read the trials of sweep " + sweepId + " from", dir, e);
        }
        return values;
    }

    boolean hasRung(String sweepId, String trialId, int rung) {
        Path path = rungPath(ResultSchema.RUNGS, sweepId, trialId, rung);
        try {
            return store.fs(path).exists(path) || compactedRung(sweepId, trialId, rung).isPresent();
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("check for rung " + rung + " of trial " + trialId + " at", path, e);
        }
    }

    /**
     * The trial at the end of rung {@code rung} with that rung's epochs, or empty when not stored. For a compacted
     * rung, its epochs are those after the previous rung's epoch count, up to its own.
     */
    Optional<TrialOutcome> readRung(String sweepId, String trialId, int rung) {
        Path path = rungPath(ResultSchema.RUNGS, sweepId, trialId, rung);
        try {
            if (!store.fs(path).exists(path)) {
                Optional<Group> row = compactedRung(sweepId, trialId, rung);
                if (row.isEmpty()) return Optional.empty();
                List<Group> rows = compacted(ResultSchema.EPOCHS, sweepId, trialId).toList();
                List<EpochMetrics> curve;
                if (rows.stream().anyMatch(g -> ResultRows.epochRung(g) >= 0)) { // rows name their rung
                    curve = rows.stream().filter(g -> ResultRows.epochRung(g) == rung).map(ResultRows::epoch)
                            .sorted(EPOCH_ORDER).toList();
                } else { // stored before the rung column: the rung's epochs follow the previous rung's count
                    int to = ResultRows.trial(row.get(), sweepId, List.of()).epochs();
                    int from = rung == 0 ? 0 : compactedRung(sweepId, trialId, rung - 1)
                            .map(g -> ResultRows.trial(g, sweepId, List.of()).epochs()).orElse(0);
                    curve = rows.stream().map(ResultRows::epoch).filter(m -> m.epoch() > from && m.epoch() <= to)
                            .sorted(EPOCH_ORDER).toList();
                }
                return Optional.of(ResultRows.trial(row.get(), sweepId, curve));
            }
            List<EpochMetrics> curve = new ArrayList<>();
            Path epochs = rungPath(ResultSchema.EPOCHS, sweepId, trialId, rung);
            if (store.fs(epochs).exists(epochs))
                for (Group row : ParquetFiles.read(store.conf(), epochs)) curve.add(ResultRows.epoch(row));
            curve.sort(EPOCH_ORDER);
            return ParquetFiles.read(store.conf(), path).stream().findFirst().map(g -> ResultRows.trial(g, sweepId, curve));
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("read rung " + rung + " of trial " + trialId + " from", path, e);
        }
    }

    /** Every stored rung row of a sweep (without epoch curves), by stage, trial index, trial id, then rung. */
    List<TrialOutcome> readRungs(String sweepId) {
        Path dir = new Path(ResultLayout.partitionDir(store.root(), ResultSchema.RUNGS, sweepId));
        List<TrialOutcome> rungs = new ArrayList<>();
        try {
            for (Path file : store.dataFiles(dir)) {
                for (Group row : ParquetFiles.read(store.conf(), file)) rungs.add(ResultRows.trial(row, sweepId, List.of()));
            }
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("read the rungs of sweep " + sweepId + " from", dir, e);
        }
        rungs.sort(TRIAL_ORDER.thenComparingInt(TrialOutcome::rung));
        return rungs;
    }

    /** A trial's epoch curve: its {@code trial-TRIAL.parquet} file, its rungs' files, or compacted rows. */
    private List<EpochMetrics> readEpochs(String sweepId, String trialId) throws IOException {
        Path dir = new Path(ResultLayout.partitionDir(store.root(), ResultSchema.EPOCHS, sweepId));
        String escaped = ResultLayout.escape(trialId);
        List<Group> rows = new ArrayList<>();
        for (Path file : store.dataFiles(dir)) {
            if (!escaped.equals(ResultLayout.trialIdOfFile(file.getName()))) continue;
            rows.addAll(ParquetFiles.read(store.conf(), file));
        }
        compacted(ResultSchema.EPOCHS, sweepId, trialId).forEach(rows::add);
        return networkCurve(rows);
    }

    /** Every epoch row of a sweep, grouped by trial id, each curve in epoch order. */
    private Map<String, List<EpochMetrics>> readAllEpochs(String sweepId) throws IOException {
        Path dir = new Path(ResultLayout.partitionDir(store.root(), ResultSchema.EPOCHS, sweepId));
        Map<String, List<Group>> rows = new HashMap<>();
        for (Path file : store.dataFiles(dir)) {
            for (Group row : ParquetFiles.read(store.conf(), file)) {
                rows.computeIfAbsent(ResultRows.trialId(row), k -> new ArrayList<>()).add(row);
            }
        }
        Map<String, List<EpochMetrics>> curves = new HashMap<>();
        rows.forEach((trial, r) -> curves.put(trial, networkCurve(r)));
        return curves;
    }

    /** The curve of the network a trial ended with ({@link NetworkCurve}), in epoch order. */
    private static List<EpochMetrics> networkCurve(List<Group> rows) {
        List<EpochMetrics> curve = new ArrayList<>();
        for (Group g : NetworkCurve.of(rows, ResultRows::epochRung, ResultRows::epochNumber))
            curve.add(ResultRows.epoch(g));
        curve.sort(EPOCH_ORDER);
        return curve;
    }

    /** The stored candidates of a sweep, by stage file then rank. */
    List<Candidate> readCandidates(String sweepId) {
        Path dir = new Path(ResultLayout.partitionDir(store.root(), ResultSchema.CANDIDATES, sweepId));
        List<Candidate> out = new ArrayList<>();
        try {
            for (Path file : store.dataFiles(dir))
                for (Group row : ParquetFiles.read(store.conf(), file)) out.add(ResultRows.candidate(row));
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("read the candidates of sweep " + sweepId + " from", dir, e);
        }
        out.sort(Comparator.comparing((Candidate c) -> c.stage().ordinal()).thenComparingInt(Candidate::rank));
        return out;
    }

    /** The sweep's row, or empty when none was written. */
    Optional<SweepRecord> readSweep(String sweepId) {
        Path path = new Path(ResultLayout.sweepFile(store.root(), sweepId));
        try {
            if (!store.fs(path).exists(path)) return Optional.empty();
            return ParquetFiles.read(store.conf(), path).stream().findFirst().map(g -> ResultRows.sweep(g, sweepId));
        } catch (IOException | RuntimeException e) {
            throw ResultStore.failure("read sweep " + sweepId + " from", path, e);
        }
    }

    /** The rows of trial {@code trialId} in the compacted file of the sweep's partition of {@code table}. */
    private Stream<Group> compacted(String table, String sweepId, String trialId) throws IOException {
        Path file = new Path(ResultLayout.partitionDir(store.root(), table, sweepId), Compaction.FILE);
        return CompactedRows.of(store, file).get(trialId).stream();
    }

    /** The compacted rung row of a trial, if any. */
    private Optional<Group> compactedRung(String sweepId, String trialId, int rung) throws IOException {
        return compacted(ResultSchema.RUNGS, sweepId, trialId)
                .filter(g -> ResultRows.trial(g, sweepId, List.of()).rung() == rung).findFirst();
    }

    private Path trialPath(String table, String sweepId, String trialId) {
        return new Path(ResultLayout.trialFile(store.root(), table, sweepId, trialId));
    }

    private Path rungPath(String table, String sweepId, String trialId, int rung) {
        return new Path(ResultLayout.rungFile(store.root(), table, sweepId, trialId, rung));
    }
}
