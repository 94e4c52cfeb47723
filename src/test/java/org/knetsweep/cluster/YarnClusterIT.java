package org.knetsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
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
import org.knetsweep.results.ResultStore;
import org.knetsweep.spark.SparkSessions;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * Spark on YARN: a MiniYARNCluster and a MiniDFSCluster in this JVM ({@link YarnCluster}), and, in each deploy mode, a
 * tiny sweep submitted with {@code spark-submit --master yarn} (data and tables on HDFS), then {@code knet score} with
 * the sweep's model over a Parquet table on HDFS, compared with predict (in this JVM, without Spark) row by row.
 * The recipe of docs/clusters.md.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnClusterIT {
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(4);
    private static Path dir;
    private static Path data;
    private static YarnCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        dir = Files.createTempDirectory(StandaloneCluster.workRoot(), "yarn-");
        cluster = YarnCluster.start(dir.resolve("cluster"));
        data = ClusterData.write(dir.resolve("in"), 100);
        FileSystem fs = cluster.dfs.getFileSystem();
        fs.mkdirs(new org.apache.hadoop.fs.Path("/data"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data.toUri()), new org.apache.hadoop.fs.Path("/data/"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    @Timeout(480)
    void sweepThenScoreInClientMode() throws IOException {
        sweepThenScore("client");
    }

    @Test
    @Order(2)
    @Timeout(480)
    void sweepThenScoreInClusterMode() throws IOException {
        sweepThenScore("cluster");
    }

    /**
     * A user error of knet in cluster mode (a misspelled option) fails the YARN application: spark-submit exits
     * non-zero, YARN reports FAILED with knet's exit status in the diagnostics, and the driver's stderr (the
     * ApplicationMaster container's) has knet's one line.
     */
    @Test
    @Order(3)
    @Timeout(240)
    void aKnetErrorInClusterModeFailsTheApplication() {
        YarnCluster.Submit s = cluster.submit("bad-option-cluster", "cluster",
                List.of("sweep", "--sweepid", "yarn-bad", "--set", "knet.results.root=" + cluster.hdfs + "/bad"));
        Optional<Integer> status = Procs.waitFor(s.process(), SUBMIT_TIMEOUT);
        if (status.isEmpty()) Procs.kill(s.process());
        assertTrue(status.isPresent() && status.get() != 0, () -> "spark-submit should fail:\n" + Procs.tail(s.log(), 40));
        String appId = s.appId().orElseThrow();
        ApplicationReport r = cluster.report(appId);
        assertEquals(FinalApplicationStatus.FAILED, r.getFinalApplicationStatus());
        assertTrue(r.getDiagnostics().contains("knet exited with status 2"), r.getDiagnostics());
        String stderr = cluster.amLog(appId, "stderr");
        assertTrue(stderr.contains("unknown option --sweepid for sweep; did you mean --sweep-id?"), stderr);
    }

    /**
     * A sweep of 2 coarse, 1 fine and 1 final trial, submitted in {@code mode}, tables on HDFS; then score with its
     * final model. Both applications finish SUCCEEDED on YARN, and the driver's summary lines (the submitting JVM's
     * output in client mode, the ApplicationMaster container's stdout in cluster mode) name the tables and the rows.
     */
    private static void sweepThenScore(String mode) throws IOException {
        String id = "yarn-" + mode;
        String tables = cluster.hdfs + "/knet/tables";
        List<String> args = ClusterData.sweepArgs(id, ClusterData.sweepSettings(cluster.hdfs
                + "/data/cifar-10-batches-bin", dir.resolve("cache").toString(), tables, 2, 1, 20));
        String sweepApp = awaitSucceeded(cluster.submit("sweep-" + mode, mode, args), mode);
        assertTrue(driverOutput(mode, sweepApp, "sweep-" + mode).contains("tables in " + tables),
                () -> driverOutput(mode, sweepApp, "sweep-" + mode));

        ResultStore store = new ResultStore(tables);
        List<TrialOutcome> trials = store.readTrials(id);
        assertEquals(List.of("coarse-000", "coarse-001", "fine-000", "final-000"),
                trials.stream().map(TrialOutcome::trialId).toList());
        for (TrialOutcome t : trials) assertEquals("COMPLETE", t.status().name(), t.trialId() + ": " + t.error());
        assertEquals(SweepStatus.COMPLETE, store.readSweep(id).orElseThrow().status());

        // score the synthetic test batch, as a Parquet table of 3 files on HDFS, with the sweep's final model
        Path batch = data.resolve(Cifar10Reader.TEST_BATCH);
        ImageSet images = Cifar10Reader.readBatch(batch);
        SparkSession spark = SparkSessions.local("local[2]", "knet yarn tests");
        String input = cluster.hdfs + "/score-input-" + mode;
        ClusterScoring.writeImages(spark, images, input, 3);
        String output = cluster.hdfs + "/score-output-" + mode;
        String scoreApp = awaitSucceeded(cluster.submit("score-" + mode, mode, List.of("score", id, "--results",
                tables, "--input", input, "--output", output)), mode);
        String out = driverOutput(mode, scoreApp, "score-" + mode);
        assertTrue(out.contains("score: " + images.size() + " rows of " + input), out);

        Path predicted = dir.resolve("predict-" + mode);
        var p = Queries.knet(List.of("predict", id, "--results", tables, "--input", batch.toString(), "--output",
                predicted.toString()));
        assertEquals(0, p.status(), p.out() + p.err());
        double worst = ClusterScoring.assertSameRows(spark.read().parquet(output),
                spark.read().parquet(predicted.toString()), images.size());
        System.out.printf("yarn %s mode: sweep %s, score %s (%d rows, largest difference from predict %.3g)%n",
                mode, sweepApp, scoreApp, images.size(), worst);
    }

    /**
     * Waits for spark-submit to end with exit 0, and for YARN to report its application FINISHED with final status
     * SUCCEEDED; returns the application id. A failure shows spark-submit's log and the containers' logs.
     */
    private static String awaitSucceeded(YarnCluster.Submit s, String mode) {
        Optional<Integer> status = Procs.waitFor(s.process(), SUBMIT_TIMEOUT);
        String appId = s.appId().orElse("");
        if (status.isEmpty()) {
            Procs.kill(s.process());
            fail("spark-submit (" + mode + " mode) still running after " + SUBMIT_TIMEOUT + ":\n"
                    + Procs.tail(s.log(), 60) + "\n" + cluster.containerLogTails(appId));
        }
        assertEquals(0, status.get(), () -> "spark-submit (" + mode + " mode) failed:\n" + Procs.tail(s.log(), 80)
                + "\n" + cluster.containerLogTails(appId));
        assertTrue(!appId.isEmpty(), () -> "no YARN application id in the log:\n" + Procs.tail(s.log(), 40));
        ApplicationReport r = cluster.report(appId);
        assertEquals(FinalApplicationStatus.SUCCEEDED, r.getFinalApplicationStatus(), r.getDiagnostics());
        return appId;
    }

    /** The driver's standard output: the spark-submit log in client mode, the AM container's stdout in cluster mode. */
    private static String driverOutput(String mode, String appId, String name) {
        return mode.equals("client") ? Procs.read(dir.resolve("cluster/logs/submit-" + name + ".log"))
                : cluster.amLog(appId, "stdout");
    }
}
