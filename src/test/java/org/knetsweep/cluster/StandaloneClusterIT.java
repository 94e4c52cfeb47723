package org.knetsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.knetsweep.data.Cifar10Reader;
import org.knetsweep.data.ImageSet;
import org.knetsweep.io.AtomicFile;
import org.knetsweep.results.ResultStore;
import org.knetsweep.spark.SparkSessions;
import org.knetsweep.sweep.TrialTask;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * Sweeps submitted with spark-submit (client mode) to a standalone cluster of separate JVMs on this machine (one master,
 * two 1-core workers on 127.0.0.1 and 127.0.0.2, spark.authenticate on), shared by the tests of this class: a plain
 * sweep, the loss of an executor and the loss of the driver in the middle of a stage, a submission without the
 * secret, successive halving, a speculative copy of a straggling trial, a joint-space sweep, and {@code knet score}
 * with the first sweep's model, compared with predict row by row.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
    private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(3);
    /** knet.training.step-size of the failure tests (with {@link ClusterData#HEAVY}): trials of 1-2 s each. */
    private static final int STEPS = 250;
    private static Path dir;
    private static Path data;
    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        dir = Files.createTempDirectory(StandaloneCluster.workRoot(), "standalone-");
        data = ClusterData.write(dir.resolve("in"), 500);
        // two hosts for Spark (speculative copies go to another host), both loopback addresses of this machine
        cluster = StandaloneCluster.start(dir.resolve("cluster"), List.of("127.0.0.1", "127.0.0.2"),
                "knet-it-" + Long.toHexString(System.nanoTime()));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    /** The settings of a sweep of {@code coarse} + {@code fine} + 1 tiny trials whose tables go to {@code dir/NAME}. */
    private static List<String> sweep(String id, int coarse, int fine, int stepSize, String... extra) {
        return ClusterData.sweepArgs(id, ClusterData.sweepSettings(data.toString(), dir.resolve("cache").toString(),
                dir.resolve("tables-" + id).toString(), coarse, fine, stepSize, extra));
    }

    /** As {@link #sweep} with trials of 1-2 s each, long enough for a kill to land in the middle of one. */
    private static List<String> longSweep(String id, int coarse, int fine) {
        return sweep(id, coarse, fine, STEPS, ClusterData.HEAVY);
    }

    private static ResultStore store(String id) {
        return new ResultStore(dir.resolve("tables-" + id).toString());
    }

    /** Waits for the submit to end; a timeout or a non-zero exit fails the test with the driver's log. */
    private static String awaitSuccess(StandaloneCluster.Submit s) {
        Optional<Integer> status = Procs.waitFor(s.process(), SWEEP_TIMEOUT);
        if (status.isEmpty()) {
            Procs.kill(s.process());
            fail("spark-submit still running after " + SWEEP_TIMEOUT + ":\n" + Procs.tail(s.log(), 60));
        }
        assertEquals(0, status.get(), () -> "spark-submit failed:\n" + Procs.tail(s.log(), 80));
        return s.output();
    }

    /** Every planned trial id exactly once (coarse-000.., fine-000.., final-000), all COMPLETE. */
    private static List<TrialOutcome> assertComplete(String id, int coarse, int fine) {
        List<TrialOutcome> trials = store(id).readTrials(id);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < coarse; i++) expected.add(String.format("coarse-%03d", i));
        for (int i = 0; i < fine; i++) expected.add(String.format("fine-%03d", i));
        expected.add("final-000");
        assertEquals(expected, trials.stream().map(TrialOutcome::trialId).toList());
        for (TrialOutcome t : trials) assertEquals("COMPLETE", t.status().name(), t.trialId() + ": " + t.error());
        assertEquals(SweepStatus.COMPLETE, store(id).readSweep(id).orElseThrow().status());
        return trials;
    }

    /** No file of the results root is a leftover of an interrupted write. */
    private static void assertNoStagingFiles(String id) throws IOException {
        Path root = dir.resolve("tables-" + id);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> left = files.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).toString().startsWith("_staging")
                            || p.getFileName().toString().endsWith(".part")
                            || p.getFileName().toString().endsWith(AtomicFile.TEMP_SUFFIX)).toList();
            assertEquals(List.of(), left);
        }
    }

    /** The executor folders (APP_ID/EXECUTOR_ID) that the workers made for the application. */
    private static List<Path> executorDirs(String appId) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path w : cluster.workerDirs()) {
            Path app = w.resolve(appId);
            if (!Files.isDirectory(app)) continue;
            try (Stream<Path> s = Files.list(app)) {
                s.filter(Files::isDirectory).forEach(dirs::add);
            }
        }
        return dirs;
    }

    private static String appId(String driverLog) {
        var m = java.util.regex.Pattern.compile("(app-\\d{14}-\\d{4})").matcher(driverLog);
        return m.find() ? m.group(1) : "";
    }

    @Test
    @Order(1)
    @Timeout(240)
    void sweepRunsOnTheStandaloneClusterThroughSparkSubmit() {
        String id = "standalone";
        var s = cluster.submit(id, true, List.of(), sweep(id, 4, 3, 20));
        String out = awaitSuccess(s);
        assertTrue(out.contains("on " + cluster.masterUrl() + " (2 slots)"), out);
        assertTrue(out.contains("best_log10_lambda="), out);
        List<TrialOutcome> trials = assertComplete(id, 4, 3);
        Set<String> executors = trials.stream().map(TrialOutcome::executorId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(2, executors.size(), "trials ran on both executors: " + executors);
        assertFalse(executors.contains("driver"), executors.toString());
        assertTrue(cluster.appNames().contains(id), cluster.appNames().toString());
        assertTrue(s.executors().isEmpty(), "the executors end with the application");
    }

    @Test
    @Order(2)
    @Timeout(300)
    void sweepSurvivesTheLossOfAnExecutorInTheMiddleOfATrial() throws IOException {
        String id = "executor-loss";
        var s = cluster.submit(id, true, List.of(), longSweep(id, 6, 2));
        ResultStore store = store(id);
        try {
            assertTrue(Procs.await(Duration.ofSeconds(120), () -> !s.process().isAlive() || !store.readTrials(id).isEmpty()),
                    () -> "no trial stored after 2 minutes:\n" + Procs.tail(s.log(), 40));
            assertTrue(s.process().isAlive(), () -> "the sweep ended early:\n" + Procs.tail(s.log(), 40));
            // The executor that stored the first trial has just taken its next one: kill it in the middle of it.
            String victim = store.readTrials(id).get(0).executorId();
            List<ProcessHandle> jvms = Procs.find("CoarseGrainedExecutorBackend", "@127.0.0.1:" + s.driverPort() + " ",
                    "--executor-id " + victim + " ");
            assertEquals(1, jvms.size(), "executor " + victim + " of driver port " + s.driverPort());
            assertTrue(jvms.get(0).destroyForcibly(), "SIGKILL to executor " + victim);
            assertTrue(Procs.await(Duration.ofSeconds(10), () -> !jvms.get(0).isAlive()));
        } catch (AssertionError | RuntimeException e) {
            Procs.kill(s.process());
            throw e;
        }
        String out = awaitSuccess(s);
        List<TrialOutcome> trials = assertComplete(id, 6, 2);
        assertTrue(trials.stream().anyMatch(t -> t.attempt() > 0),
                () -> "the killed executor's trial was retried: " + trials.stream().map(t -> t.trialId() + "@"
                        + t.executorId() + "#" + t.attempt()).toList());
        String app = appId(out);
        assertTrue(executorDirs(app).size() >= 3, () -> "a replacement executor was launched for " + app + ": "
                + executorDirs0(app));
        assertNoStagingFiles(id);
    }

    @Test
    @Order(3)
    @Timeout(360)
    void aSweepWhoseDriverDiedResumesWithoutRetrainingFinishedTrials() {
        String id = "driver-loss";
        int coarse = 6;
        int fine = 2;
        var first = cluster.submit(id + "-1", true, List.of(), longSweep(id, coarse, fine));
        ResultStore store = store(id);
        try {
            assertTrue(Procs.await(Duration.ofSeconds(120),
                            () -> !first.process().isAlive() || store.readTrials(id).size() >= 2),
                    () -> "2 trials not stored after 2 minutes:\n" + Procs.tail(first.log(), 40));
            assertTrue(first.process().isAlive(), () -> "the sweep ended early:\n" + Procs.tail(first.log(), 40));
        } finally {
            Procs.kill(first.process()); // SIGKILL to the driver
        }
        // The master ends the application when its driver disconnects, and the workers kill its executors.
        assertTrue(Procs.await(Duration.ofSeconds(60), () -> first.executors().isEmpty()),
                "executors of the dead driver still alive: " + first.executors());
        List<TrialOutcome> before = store.readTrials(id); // all that the first run stored
        long storedCoarse = before.stream().filter(t -> t.trialId().startsWith("coarse")).count();
        assertTrue(storedCoarse < coarse, "the driver died in the middle of the coarse stage: " + before.stream()
                .map(TrialOutcome::trialId).toList());

        var second = cluster.submit(id + "-2", true, List.of(), longSweep(id, coarse, fine));
        String out = awaitSuccess(second);
        assertTrue(out.contains("resuming sweep " + id), out);
        assertTrue(out.contains("[coarse] " + storedCoarse + " of " + coarse + " trials already stored, not retrained"), out);

        List<TrialOutcome> after = assertComplete(id, coarse, fine);
        Map<String, TrialOutcome> byId = new HashMap<>();
        after.forEach(t -> byId.put(t.trialId(), t));
        for (TrialOutcome b : before) {
            TrialOutcome a = byId.get(b.trialId());
            assertEquals(b.startedAt(), a.startedAt(), b.trialId());
            assertEquals(b.finishedAt(), a.finishedAt(), b.trialId());
            assertEquals(b.attempt(), a.attempt(), b.trialId());
            assertEquals(b.executorId(), a.executorId(), b.trialId());
            assertEquals(b.valAccuracy(), a.valAccuracy(), b.trialId());
        }
        assertTrue(storedCoarse >= 2);
        // exactly once each, as Spark SQL reads the tables
        var q = Queries.query("SELECT stage, count(*) AS n, count(DISTINCT trial_id) AS d FROM trials WHERE sweep_id = '"
                + id + "' GROUP BY stage ORDER BY stage", dir.resolve("tables-" + id).toString());
        assertEquals(0, q.status(), q.err());
        assertEquals(List.of("stage,n,d", "coarse,6,6", "final,1,1", "fine,2,2"), q.out().lines().toList());
    }

    @Test
    @Order(4)
    @Timeout(120)
    void aSubmissionWithoutTheSecretIsRefused() {
        String id = "no-secret";
        var s = cluster.submit(id, false, List.of(), sweep(id, 2, 0, 20));
        // The driver retries its registration 3 times, 20 s apart, then exits with status 1: the first refusal is
        // enough; what matters is that the application never registers, gets no executor and trains nothing.
        boolean refused = Procs.await(Duration.ofSeconds(60),
                () -> !s.process().isAlive() || s.output().contains("Failed to connect to master"));
        Optional<Integer> status = Procs.waitFor(s.process(), Duration.ofSeconds(3));
        Procs.kill(s.process());
        String out = s.output();
        assertTrue(refused, () -> "no refusal within 60 s:\n" + Procs.tail(s.log(), 40));
        status.ifPresent(code -> assertNotEquals(0, code, out));
        assertTrue(out.contains("Expected SaslMessage"), out);
        assertTrue(Procs.read(cluster.dir.resolve("logs/master.log")).contains("Expected SaslMessage"));
        assertFalse(cluster.appNames().contains(id), cluster.appNames().toString());
        assertTrue(store(id).readTrials(id).isEmpty());
        assertTrue(s.executors().isEmpty());
    }

    @Test
    @Order(5)
    @Timeout(240)
    void successiveHalvingAndReplicasRunAcrossExecutors() throws IOException {
        // 400 images, batch 20: 20 steps per epoch; n_s 20, 2 cycles = 80 steps; rungs at 20, 40 and 80 steps
        String[] halving = {"knet.training.cycles=2", "knet.sweep.final.enabled=false",
                "knet.sweep.halving.enabled=true", "knet.sweep.halving.rungs=3", "knet.sweep.halving.eta=3",
                "knet.sweep.halving.min-budget=0.5", "knet.sweep.replicas=1", "knet.sweep.replicas-top-k=1"};
        String id = "halving";
        awaitSuccess(cluster.submit(id, true, List.of(), sweep(id, 6, 0, 20, halving)));
        List<TrialOutcome> trials = store(id).readTrials(id);
        assertEquals(7, trials.size(), trials.toString());
        Map<String, Long> byState = trials.stream().collect(Collectors.groupingBy(
                t -> t.status() + "@" + t.rung() + "/r" + t.replica(), Collectors.counting()));
        // 6 -> floor(6 / 3) = 2 -> 1; then one fresh-seed replica of the winner, trained in full without rungs
        assertEquals(Map.of("STOPPED@0/r0", 4L, "STOPPED@1/r0", 1L, "COMPLETE@2/r0", 1L, "COMPLETE@-1/r1", 1L),
                byState);
        List<TrialOutcome> rungs = store(id).readRungs(id);
        assertEquals(6 + 2 + 1, rungs.size());
        assertEquals(2, rungs.stream().map(TrialOutcome::executorId).distinct().count(),
                "rungs ran on both executors");
        assertFalse(Files.exists(dir.resolve("tables-" + id).resolve("_checkpoints").resolve("sweep_id=" + id)),
                "checkpoints deleted with the stage");
        assertNoStagingFiles(id);

        // the winner, resumed from checkpoints possibly written by the other executor, ends where it ends unstopped
        String plain = "no-halving";
        awaitSuccess(cluster.submit(plain, true, List.of(), sweep(plain, 6, 0, 20, "knet.training.cycles=2",
                "knet.sweep.final.enabled=false")));
        TrialOutcome winner = trials.stream().filter(t -> t.rung() == 2).findFirst().orElseThrow();
        TrialOutcome same = store(plain).readTrials(plain).stream().filter(t -> t.trialId().equals(winner.trialId()))
                .findFirst().orElseThrow();
        assertEquals(same.epochCurve(), winner.epochCurve());
        assertEquals(same.valAccuracy(), winner.valAccuracy(), 0.0);
    }

    @Test
    @Order(6)
    @Timeout(240)
    void aSpeculativeCopyOfAStragglerLeavesOneRowAndOneSetOfEpochs() throws IOException {
        String id = "speculation";
        // the first attempt of coarse-001 sleeps 60 s before training (TrialTask.SLOW_TRIALS); the others take ~1 s
        List<String> confs = List.of("spark.executor.extraJavaOptions=" + String.join(" ", StandaloneCluster.opens())
                        + " " + StandaloneCluster.EXECUTOR_FLAGS + " -D" + TrialTask.SLOW_TRIALS + "=coarse-001:60000",
                "spark.speculation=true", "spark.speculation.interval=200ms", "spark.speculation.multiplier=2",
                "spark.speculation.quantile=0.5", "spark.speculation.minTaskRuntime=2s");
        String out = awaitSuccess(cluster.submit(id, true, confs, sweep(id, 4, 0, 20,
                "knet.sweep.final.enabled=false")));
        assertTrue(out.contains("sweep " + id + " COMPLETE"), out);
        List<TrialOutcome> trials = store(id).readTrials(id);
        assertEquals(List.of("coarse-000", "coarse-001", "coarse-002", "coarse-003"),
                trials.stream().map(TrialOutcome::trialId).toList());
        TrialOutcome straggler = trials.get(1);
        assertEquals("COMPLETE", straggler.status().name(), straggler.error());
        assertEquals(1, straggler.attempt(), "the speculative copy (attempt 1) stored the trial");
        assertTrue(straggler.wallMs() < 60_000, "the copy did not wait for the slowed attempt: " + straggler.wallMs());
        var q = Queries.query("SELECT t.trial_id, count(*) AS rows, max(t.epochs) AS epochs FROM trials t JOIN epochs e "
                + "ON t.sweep_id = e.sweep_id AND t.trial_id = e.trial_id WHERE t.sweep_id = '" + id + "' GROUP BY "
                + "t.trial_id ORDER BY t.trial_id", dir.resolve("tables-" + id).toString());
        assertEquals(0, q.status(), q.err());
        for (String line : q.out().lines().skip(1).toList()) {
            String[] f = line.split(",");
            assertEquals(f[2], f[1], "one set of epoch rows for " + f[0] + ": " + q.out());
        }
        assertEquals(5, q.out().lines().count(), q.out());
        assertNoStagingFiles(id);
        assertFalse(Files.exists(dir.resolve("tables-" + id).resolve("_checkpoints").resolve("sweep_id=" + id)));
    }

    @Test
    @Order(7)
    @Timeout(240)
    void aJointSpaceSweepRunsAcrossExecutors() {
        String id = "joint";
        awaitSuccess(cluster.submit(id, true, List.of(), sweep(id, 4, 3, 20,
                "knet.sweep.space={ log10-lambda { type = uniform, min = -3, max = -1 },"
                        + " eta-max { type = log-uniform, min = 0.02, max = 0.3 } }",
                "knet.sweep.sampler=sobol")));
        List<TrialOutcome> trials = assertComplete(id, 4, 3);
        assertEquals(8, trials.stream().map(TrialOutcome::etaMax).distinct().count() + 1,
                "each coarse and fine trial has its own eta-max; the final retrains the best one's");
        assertEquals(2, trials.stream().map(TrialOutcome::executorId).distinct().count(), "trials ran on both executors");
        assertTrue(store(id).readSweep(id).orElseThrow().space().contains("eta-max"));
    }

    /**
     * {@code knet score} submitted to the cluster as a user submits it, with the model that the first test's sweep
     * saved, over the synthetic test batch as a Parquet table of 4 files: the executors score it, and the output has
     * predict's rows (predict in this JVM, on the batch file, without Spark) row by row.
     */
    @Test
    @Order(8)
    @Timeout(180)
    void scoreOnTheClusterGivesPredictsRowsRowByRow() throws IOException {
        String sweep = "standalone";
        String root = dir.resolve("tables-" + sweep).toString();
        assertTrue(Files.isDirectory(dir.resolve("tables-" + sweep).resolve("model-files")),
                "the model of sweepRunsOnTheStandaloneClusterThroughSparkSubmit (@Order(1)) is needed");
        Path batch = data.resolve(Cifar10Reader.TEST_BATCH);
        ImageSet images = Cifar10Reader.readBatch(batch);
        SparkSession spark = SparkSessions.local("local[2]", "knet cluster tests");
        Path table = dir.resolve("score-input");
        ClusterScoring.writeImages(spark, images, table, 4);
        Path scored = dir.resolve("score-output");
        var s = cluster.submit("score", true, List.of(), List.of("score", sweep, "--results", root, "--input",
                table.toString(), "--output", scored.toString(), "--master", cluster.masterUrl()));
        // predict in this JVM, on the batch file (the Predictor without Spark), while the cluster scores
        Path predicted = dir.resolve("predict-output");
        var p = Queries.knet(List.of("predict", sweep, "--results", root, "--input", batch.toString(), "--output",
                predicted.toString()));
        if (p.status() != 0) Procs.kill(s.process());
        assertEquals(0, p.status(), p.out() + p.err());
        String out = awaitSuccess(s);
        assertTrue(out.contains("score: " + images.size() + " rows of " + table), out);
        assertTrue(cluster.appNames().contains("score"), cluster.appNames().toString());
        // every output file was written, hence scored, by a task on an executor
        String app = appId(out);
        Map<Path, Integer> saved = ClusterScoring.savedOutputs(executorDirs(app), scored);
        assertEquals(ClusterScoring.partFiles(scored), saved.values().stream().mapToInt(Integer::intValue).sum(),
                () -> "output files saved by the executors of " + app + ": " + saved);
        double worst = ClusterScoring.assertSameRows(spark.read().parquet(scored.toString()),
                spark.read().parquet(predicted.toString()), images.size());
        System.out.printf("score on %s: %d rows, output files saved per executor %s, largest probability "
                + "difference from predict %.3g%n", app, images.size(), saved, worst);
    }

    private static List<Path> executorDirs0(String app) {
        try {
            return executorDirs(app);
        } catch (IOException e) {
            return List.of();
        }
    }
}
