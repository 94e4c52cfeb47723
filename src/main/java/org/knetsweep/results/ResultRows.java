package org.knetsweep.results;

import static org.knetsweep.results.ResultSchema.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.FinalTest;
import org.knetsweep.trial.Hyperparameters;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * Converts records to and from Parquet rows ({@link Group}s of the {@link ResultSchema} schemas). A NaN double and a
 * null string are written as an absent (null) value and read back as NaN and null; an empty error text is stored
 * as null and read back as "". The sweep id is not a column: it comes from the partition directory.
 */
final class ResultRows {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private ResultRows() {
    }

    static Group trial(TrialOutcome o) {
        Group g = new SimpleGroupFactory(TRIALS_PARQUET).newGroup();
        putString(g, STAGE, o.stage() == null ? null : o.stage().label());
        putString(g, TRIAL_ID, o.trialId());
        g.append(TRIAL_INDEX, o.trialIndex());
        putDouble(g, LOG10_LAMBDA, o.log10Lambda());
        putDouble(g, LAMBDA, o.lambda());
        Group list = g.addGroup(HIDDEN);
        for (int width : o.hidden()) list.addGroup(LIST).append(ELEMENT, width);
        g.append(BATCH_NORM, o.batchNorm());
        putString(g, INIT, o.init());
        putDouble(g, INIT_SIGMA, o.initSigma());
        g.append(SEED, o.seed());
        g.append(CYCLES, o.cycles());
        g.append(EPOCHS_COUNT, o.epochs());
        g.append(STEPS, o.steps());
        putString(g, STATUS, o.status() == null ? null : o.status().name());
        putString(g, ERROR, o.error().isEmpty() ? null : o.error());
        putDouble(g, VAL_ACCURACY, o.valAccuracy());
        putDouble(g, BEST_VAL_ACCURACY, o.bestValAccuracy());
        putDouble(g, VAL_COST, o.valCost());
        putDouble(g, VAL_LOSS, o.valLoss());
        putDouble(g, TRAIN_ACCURACY, o.trainAccuracy());
        putDouble(g, TRAIN_COST, o.trainCost());
        putDouble(g, TRAIN_LOSS, o.trainLoss());
        putDouble(g, TEST_ACCURACY, o.testAccuracy());
        g.append(WALL_MS, o.wallMs());
        putString(g, EXECUTOR_ID, o.executorId());
        putString(g, HOST, o.host());
        g.append(ATTEMPT, o.attempt());
        putString(g, CONFIG_HASH, o.configHash());
        putTimestamp(g, STARTED_AT, o.startedAt());
        putTimestamp(g, FINISHED_AT, o.finishedAt());
        g.append(REPLICA, o.replica());
        if (o.rung() >= 0) g.append(RUNG, o.rung());
        putDouble(g, ETA_MIN, o.etaMin());
        putDouble(g, ETA_MAX, o.etaMax());
        putKnown(g, STEP_SIZE, o.stepSize());
        putKnown(g, BATCH_SIZE, o.batchSize());
        return g;
    }

    /** The trial of a {@code trials} row, with the given sweep id and epoch curve. */
    static TrialOutcome trial(Group g, String sweepId, List<EpochMetrics> epochCurve) {
        String stage = getString(g, STAGE);
        String status = getString(g, STATUS);
        return TrialOutcome.builder(sweepId, stage == null ? null : Stage.parse(stage), getString(g, TRIAL_ID),
                        getInt(g, TRIAL_INDEX))
                .lambda(getDouble(g, LOG10_LAMBDA), getDouble(g, LAMBDA))
                .hidden(getIntList(g, HIDDEN)).batchNorm(getBoolean(g, BATCH_NORM)).init(getString(g, INIT))
                .initSigma(getDouble(g, INIT_SIGMA)).seed(getLong(g, SEED)).cycles(getInt(g, CYCLES))
                .epochs(getInt(g, EPOCHS_COUNT)).steps(getLong(g, STEPS))
                .status(status == null ? null : TrainingStatus.valueOf(status)).error(getString(g, ERROR))
                .valAccuracy(getDouble(g, VAL_ACCURACY)).bestValAccuracy(getDouble(g, BEST_VAL_ACCURACY))
                .valCost(getDouble(g, VAL_COST)).valLoss(getDouble(g, VAL_LOSS))
                .trainAccuracy(getDouble(g, TRAIN_ACCURACY)).trainCost(getDouble(g, TRAIN_COST))
                .trainLoss(getDouble(g, TRAIN_LOSS)).testAccuracy(getDouble(g, TEST_ACCURACY))
                .wallMs(getLong(g, WALL_MS)).executorId(getString(g, EXECUTOR_ID)).host(getString(g, HOST))
                .attempt(getInt(g, ATTEMPT)).configHash(getString(g, CONFIG_HASH))
                .startedAt(getTimestamp(g, STARTED_AT)).finishedAt(getTimestamp(g, FINISHED_AT))
                .epochCurve(epochCurve)
                .replica(has(g, REPLICA) ? getInt(g, REPLICA) : 0).rung(has(g, RUNG) ? getInt(g, RUNG) : -1)
                .etaMin(getDouble(g, ETA_MIN)).etaMax(getDouble(g, ETA_MAX))
                .stepSize(getIntOr(g, STEP_SIZE, -1)).batchSize(getIntOr(g, BATCH_SIZE, -1))
                .build();
    }

    /** The trial_id of a {@code trials} or {@code epochs} row. */
    static String trialId(Group g) {
        return getString(g, TRIAL_ID);
    }

    /** An {@code epochs} row of a trial's own run ({@code rung} < 0) or of one of its rungs. */
    static Group epoch(String trialId, EpochMetrics m, int rung) {
        Group g = new SimpleGroupFactory(EPOCHS_PARQUET).newGroup();
        putString(g, TRIAL_ID, trialId);
        g.append(EPOCH, m.epoch());
        g.append(STEP, m.step());
        putDouble(g, LEARNING_RATE, m.learningRate());
        putDouble(g, TRAIN_COST, m.trainCost());
        putDouble(g, TRAIN_LOSS, m.trainLoss());
        putDouble(g, TRAIN_ACCURACY, m.trainAccuracy());
        putDouble(g, VAL_COST, m.valCost());
        putDouble(g, VAL_LOSS, m.valLoss());
        putDouble(g, VAL_ACCURACY, m.valAccuracy());
        if (rung >= 0) g.append(RUNG, rung);
        return g;
    }

    /** The rung of an {@code epochs} row; -1 when it has none (a trial's own run, or a row stored before the column). */
    static int epochRung(Group g) {
        return getIntOr(g, RUNG, -1);
    }

    /** The epoch number of an {@code epochs} row. */
    static int epochNumber(Group g) {
        return getInt(g, EPOCH);
    }

    static EpochMetrics epoch(Group g) {
        return new EpochMetrics(getInt(g, EPOCH), getLong(g, STEP), getDouble(g, LEARNING_RATE),
                getDouble(g, TRAIN_COST), getDouble(g, TRAIN_LOSS), getDouble(g, TRAIN_ACCURACY),
                getDouble(g, VAL_COST), getDouble(g, VAL_LOSS), getDouble(g, VAL_ACCURACY));
    }

    static Group candidate(Candidate c) {
        Group g = new SimpleGroupFactory(CANDIDATES_PARQUET).newGroup();
        putString(g, STAGE, c.stage().label());
        putString(g, CANDIDATE_ID, c.candidateId());
        g.append(TRIAL_INDEX, c.trialIndex());
        putDouble(g, LOG10_LAMBDA, c.log10Lambda());
        g.append(REPLICAS, c.replicas());
        putDouble(g, MEAN_VAL_ACCURACY, c.mean());
        putDouble(g, SD_VAL_ACCURACY, c.sd());
        putDouble(g, CI95_LOW, c.ciLow());
        putDouble(g, CI95_HIGH, c.ciHigh());
        g.append(RANK, c.rank());
        Hyperparameters h = c.settings();
        if (h != null) {
            putDouble(g, ETA_MIN, h.etaMin());
            putDouble(g, ETA_MAX, h.etaMax());
            putKnown(g, STEP_SIZE, h.stepSize());
            putKnown(g, BATCH_SIZE, h.batchSize());
            putKnown(g, CYCLES, h.cycles());
            Group list = g.addGroup(HIDDEN);
            for (int width : h.hidden()) list.addGroup(LIST).append(ELEMENT, width);
            if (h.batchNorm() != null) g.append(BATCH_NORM, h.batchNorm());
            putString(g, INIT, h.init());
            putDouble(g, INIT_SIGMA, h.initSigma());
        }
        return g;
    }

    /** A candidate row (its per-replica values are in the trials table, not here: {@code values} is empty). */
    static Candidate candidate(Group g) {
        return new Candidate(Stage.parse(getString(g, STAGE)), getString(g, CANDIDATE_ID), getInt(g, TRIAL_INDEX),
                getDouble(g, LOG10_LAMBDA), getInt(g, REPLICAS), getDouble(g, MEAN_VAL_ACCURACY),
                getDouble(g, SD_VAL_ACCURACY), getDouble(g, CI95_LOW), getDouble(g, CI95_HIGH), getInt(g, RANK),
                new double[0], !g.getType().containsField(CYCLES) ? null : new Hyperparameters(getIntList(g, HIDDEN),
                has(g, BATCH_NORM) ? getBoolean(g, BATCH_NORM) : null, getString(g, INIT), getDouble(g, INIT_SIGMA),
                getIntOr(g, CYCLES, -1), getDouble(g, ETA_MIN), getDouble(g, ETA_MAX), getIntOr(g, STEP_SIZE, -1),
                getIntOr(g, BATCH_SIZE, -1)));
    }

    static Group sweep(SweepRecord r) {
        Group g = new SimpleGroupFactory(SWEEPS_PARQUET).newGroup();
        putString(g, NAME, r.name());
        putString(g, CONFIG, r.config());
        putString(g, STATUS, r.status() == null ? null : r.status().name());
        putTimestamp(g, STARTED_AT, r.startedAt());
        putTimestamp(g, FINISHED_AT, r.finishedAt());
        putString(g, BEST_TRIAL_ID, r.bestTrialId());
        putDouble(g, BEST_LOG10_LAMBDA, r.bestLog10Lambda());
        putDouble(g, BEST_VAL_ACCURACY, r.bestValAccuracy());
        putDouble(g, TEST_ACCURACY, r.testAccuracy());
        putString(g, SPARK_MASTER, r.sparkMaster());
        putString(g, APPLICATION_ID, r.applicationId());
        putString(g, VERSIONS, r.versions());
        putString(g, NOTES, r.notes().isEmpty() ? null : r.notes());
        putString(g, SPACE, r.space().isEmpty() ? null : r.space());
        FinalTest f = r.finalTest();
        putDouble(g, TEST_ACCURACY_MEAN, f.mean());
        putDouble(g, TEST_ACCURACY_SD, f.sd());
        putDouble(g, TEST_CI95_LOW, f.ciLow());
        putDouble(g, TEST_CI95_HIGH, f.ciHigh());
        if (f.replicas() > 0) g.append(FINAL_REPLICAS, f.replicas());
        putString(g, REFIT, f.refit().isEmpty() ? null : f.refit());
        return g;
    }

    static SweepRecord sweep(Group g, String sweepId) {
        return new SweepRecord(sweepId, getString(g, NAME), getString(g, CONFIG), sweepStatus(getString(g, STATUS)),
                getTimestamp(g, STARTED_AT), getTimestamp(g, FINISHED_AT), getString(g, BEST_TRIAL_ID),
                getDouble(g, BEST_LOG10_LAMBDA), getDouble(g, BEST_VAL_ACCURACY), getDouble(g, TEST_ACCURACY),
                getString(g, SPARK_MASTER), getString(g, APPLICATION_ID), getString(g, VERSIONS),
                has(g, NOTES) ? getString(g, NOTES) : "", has(g, SPACE) ? getString(g, SPACE) : "",
                new FinalTest(has(g, FINAL_REPLICAS) ? getInt(g, FINAL_REPLICAS) : 0, getDouble(g, TEST_ACCURACY_MEAN),
                        getDouble(g, TEST_ACCURACY_SD), getDouble(g, TEST_CI95_LOW), getDouble(g, TEST_CI95_HIGH),
                        has(g, REFIT) ? getString(g, REFIT) : ""));
    }

    /** Microseconds since the epoch (Parquet TIMESTAMP(MICROS)); sub-microsecond digits are dropped. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), MICROS_PER_SECOND), t.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

    private static void putString(Group g, String field, String value) {
        if (value != null) g.append(field, value);
    }

    /** A count or size, stored when known (not negative), else null. */
    private static void putKnown(Group g, String field, int value) {
        if (value >= 0) g.append(field, value);
    }

    private static int getIntOr(Group g, String field, int absent) {
        return has(g, field) ? g.getInteger(field, 0) : absent;
    }

    private static void putDouble(Group g, String field, double value) {
        if (!Double.isNaN(value)) g.append(field, value);
    }

    private static void putTimestamp(Group g, String field, Instant value) {
        if (value != null) g.append(field, micros(value));
    }

    /** True when the file has the column and this row has a value in it (files of older layouts may lack columns). */
    private static boolean has(Group g, String field) {
        return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0;
    }

    /** A stored sweep status; null when the column is empty. */
    private static SweepStatus sweepStatus(String name) {
        return name == null ? null : SweepStatus.valueOf(name);
    }

    private static String getString(Group g, String field) {
        return has(g, field) ? g.getString(field, 0) : null;
    }

    private static double getDouble(Group g, String field) {
        return has(g, field) ? g.getDouble(field, 0) : Double.NaN;
    }

    private static int getInt(Group g, String field) {
        return has(g, field) ? g.getInteger(field, 0) : 0;
    }

    private static long getLong(Group g, String field) {
        return has(g, field) ? g.getLong(field, 0) : 0L;
    }

    private static boolean getBoolean(Group g, String field) {
        return has(g, field) && g.getBoolean(field, 0);
    }

    private static Instant getTimestamp(Group g, String field) {
        return has(g, field) ? instant(g.getLong(field, 0)) : null;
    }

    private static List<Integer> getIntList(Group g, String field) {
        List<Integer> values = new ArrayList<>();
        if (!has(g, field)) return values;
        Group list = g.getGroup(field, 0);
        for (int i = 0; i < list.getFieldRepetitionCount(LIST); i++) {
            Group item = list.getGroup(LIST, i);
            if (has(item, ELEMENT)) values.add(item.getInteger(ELEMENT, 0));
        }
        return values;
    }
}
