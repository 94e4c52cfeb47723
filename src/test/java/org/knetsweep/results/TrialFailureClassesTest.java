package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.spark.SparkTrialRunner;
import org.knetsweep.sweep.StageProgress;
import org.knetsweep.sweep.SyntheticData;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;

/**
 * The two failure classes of a trial, counted in Spark task attempts on local[2,3] (a local master that retries a
 * failed task, up to 3 attempts): a deterministic failure of the trial itself is stored once as FAILED by one
 * attempt; a failed write of the result is retried and the trial stored by the second attempt.
 */
@Tag("spark")
class TrialFailureClassesTest {
    private static SparkSession spark;
    private static final Map<Integer, Integer> ATTEMPTS = new ConcurrentHashMap<>();

    @TempDir
    static java.nio.file.Path dir;

    /** Fails the first commit of coarse-001's trials file, as a full disk or a lost connection would. */
    static final class FlakyStore extends ResultStore {
        static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

        FlakyStore(String root) {
            super(root);
        }

        @Override
        void beforeCommit(String table, Path target) throws IOException {
            if (table.equals(ResultSchema.TRIALS) && target.toString().contains("coarse-001")
                    && FAILED.add(target.toString())) throw new IOException("injected write failure");
        }
    }

    @BeforeAll
    static void session() {
        SparkTestSession.get().stop(); // recreated as local[2] by the next test that asks for it
        spark = SparkSession.builder().master("local[2,3]").appName("knet failure classes")
                .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                ATTEMPTS.merge(end.taskInfo().index(), 1, Integer::sum);
            }
        });
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aTrialThatFailsItselfRunsOnceAndAFailedWriteIsRetried() throws Exception {
        java.nio.file.Path data = SyntheticData.write(dir.resolve("in"), 100);
        String root = dir.resolve("tables").toString();
        LoadedConfig cfg = ConfigLoader.load(null, SyntheticData.tinySweep(data, dir.resolve("tables")));
        List<TrialSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            specs.add(new TrialSpec("s", Stage.COARSE, i, -2 - i, cfg.run(), 7, false, cfg.hash(), i == 2));
        }
        ResultStore store = new FlakyStore(root);
        SparkTrialRunner runner = new SparkTrialRunner(JavaSparkContext.fromSparkContext(spark.sparkContext()), store);
        var summaries = runner.run(Stage.COARSE, specs,
                new StageProgress(new PrintStream(new ByteArrayOutputStream()), Stage.COARSE, 3, 1000));
        spark.sparkContext().listenerBus().waitUntilEmpty();

        assertEquals(3, summaries.size());
        // partition = trial index: coarse-000 once, coarse-001 twice (its write failed once), coarse-002 once
        assertEquals(Map.of(0, 1, 1, 2, 2, 1), new TreeMap<>(ATTEMPTS));
        Map<String, TrialOutcome> rows = new TreeMap<>();
        for (TrialOutcome o : store.readTrials("s")) rows.put(o.trialId(), o);
        assertEquals(Set.of("coarse-000", "coarse-001", "coarse-002"), rows.keySet());
        assertEquals(TrainingStatus.COMPLETE, rows.get("coarse-001").status());
        assertEquals(1, rows.get("coarse-001").attempt(), "stored by the second attempt");
        TrialOutcome failed = rows.get("coarse-002");
        assertEquals(TrainingStatus.FAILED, failed.status());
        assertEquals(0, failed.attempt());
        assertTrue(failed.error().contains("injected failure of trial coarse-002"), failed.error());
        try (Stream<java.nio.file.Path> files = Files.walk(dir.resolve("tables"))) {
            assertTrue(files.noneMatch(p -> p.toString().contains("_staging") && Files.isRegularFile(p)));
        }
    }
}
