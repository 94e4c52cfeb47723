package org.knetsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knetsweep.data.SyntheticTables;
import org.knetsweep.data.SyntheticTables.Features;
import org.knetsweep.data.SyntheticTables.Labels;
import org.knetsweep.data.SyntheticTables.Spec;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.TrialOutcome;

/**
 * Data and result tables on HDFS: an in-process MiniDFSCluster (one NameNode, one DataNode, on 127.0.0.1), a sweep
 * on Spark local[2] that reads CIFAR-10 from it and writes its tables to it, and the query command over them; a
 * sweep on a labelled Parquet table on it.
 */
@Tag("cluster")
class HdfsIT {
    /** The Parquet table's training rows: 400 rows of 32 features, 4 classes, two files. */
    private static final Spec TRAIN = new Spec(400, 32, 4, 23, 2, Labels.STRING, Features.VECTOR_DENSE);
    private static Path dir;
    private static MiniDFSCluster dfs;
    private static String hdfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        dir = Files.createTempDirectory(StandaloneCluster.workRoot(), "hdfs-");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        for (String key : List.of("dfs.namenode.http-address", "dfs.namenode.https-address", "dfs.datanode.address",
                "dfs.datanode.http.address", "dfs.datanode.https.address", "dfs.datanode.ipc.address"))
            conf.set(key, "127.0.0.1:0");
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        dfs.waitActive();
        hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
        // the synthetic CIFAR-10, as a folder and as a .tar.gz archive
        Path local = ClusterData.write(dir.resolve("in"), 100);
        Path archive = dir.resolve("in/cifar-10-binary.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", local.getParent().toString(),
                local.getFileName().toString()).inheritIO().start();
        try {
            assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar czf");
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        FileSystem fs = dfs.getFileSystem();
        fs.mkdirs(new org.apache.hadoop.fs.Path("/data"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path("/data/"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(archive.toUri()), new org.apache.hadoop.fs.Path("/data/"));
        // a labelled Parquet table (Spark ML vectors, string labels), train and test in two files each
        Path table = dir.resolve("table");
        SyntheticTables.write(table.resolve("train"), TRAIN);
        // (a row depends on the seed and its index only: the test rows are the training table's first 120, drawn
        // from the same mixture; this test checks the plumbing, not generalization)
        SyntheticTables.write(table.resolve("test"), TRAIN.withRows(120).with(Features.VECTOR_SPARSE));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(table.toUri()), new org.apache.hadoop.fs.Path("/"));
    }

    @AfterAll
    static void stopHdfs() {
        if (dfs != null) dfs.shutdown(true);
    }

    private static List<String> sweep(String id, String source, String tables, int coarse, int fine, String... extra) {
        List<String> args = new ArrayList<>(ClusterData.sweepArgs(id, ClusterData.sweepSettings(source,
                dir.resolve("cache").toString(), tables, coarse, fine, 20, extra)));
        args.addAll(List.of("--master", "local[2]"));
        return args;
    }

    private static List<String> files(String uri) throws IOException {
        List<String> names = new ArrayList<>();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = root.getFileSystem(new Configuration());
        if (!fs.exists(root)) return names;
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) names.add(it.next().getPath().toUri().getPath());
        return names;
    }

    @Test
    @Timeout(240)
    void sweepReadsItsDataFromHdfsAndWritesItsTablesThereAndQueryReadsThem() throws IOException {
        String tables = hdfs + "/tables";
        var run = Queries.knet(sweep("hdfs-1", hdfs + "/data/cifar-10-batches-bin", tables, 3, 2));
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("tables in " + tables), run.out());

        List<TrialOutcome> trials = new ResultStore(tables).readTrials("hdfs-1");
        assertEquals(List.of("coarse-000", "coarse-001", "coarse-002", "fine-000", "fine-001", "final-000"),
                trials.stream().map(TrialOutcome::trialId).toList());
        var q = Queries.query("SELECT stage, count(*) AS n, sum(CASE WHEN status = 'COMPLETE' THEN 1 ELSE 0 END) AS ok "
                + "FROM trials WHERE sweep_id = 'hdfs-1' GROUP BY stage ORDER BY stage", tables);
        assertEquals(0, q.status(), q.err());
        assertEquals(List.of("stage,n,ok", "coarse,3,3", "final,1,1", "fine,2,2"), q.out().lines().toList());
        var e = Queries.query("SELECT count(DISTINCT trial_id) AS trials, count(*) > 0 AS rows FROM epochs", tables);
        assertEquals(List.of("trials,rows", "6,true"), e.out().lines().toList(), e.err());
        var s = Queries.query("SELECT status, best_trial_id IS NOT NULL AS best FROM sweeps", tables);
        assertEquals(List.of("status,best", "COMPLETE,true"), s.out().lines().toList(), s.err());

        List<String> written = files(tables);
        // compacted when the driver finished: one file per table, swapped in by folder renames on HDFS
        assertTrue(written.contains("/tables/trials/sweep_id=hdfs-1/compacted.parquet"), written.toString());
        assertTrue(written.contains("/tables/epochs/sweep_id=hdfs-1/compacted.parquet"), written.toString());
        assertFalse(written.stream().anyMatch(f -> f.contains("/trial-")), written.toString());
        assertFalse(written.stream().anyMatch(f -> f.contains("/_staging/") || f.contains("/_compaction/")),
                written.toString());
        assertTrue(written.contains("/tables/model-files/sweep_id=hdfs-1/final-000/manifest.json"), written.toString());
        // the data was copied once into the local cache, then read from there
        assertTrue(run.out().contains("best_log10_lambda="), run.out());
    }

    /**
     * A logical HDFS name (hdfs://knet-it/, as with NameNode HA) that only the application's spark.hadoop.* settings
     * define: they must reach knet's own Hadoop clients (the data source copy and the result store), not only Spark's.
     * The data is a .tar.gz archive this time.
     */
    @Test
    @Timeout(240)
    void sparkHadoopSettingsReachTheDataSourceAndTheResultStore() throws IOException {
        Map<String, String> props = Map.of(
                "spark.hadoop.dfs.nameservices", "knet-it",
                "spark.hadoop.dfs.ha.namenodes.knet-it", "nn1",
                "spark.hadoop.dfs.namenode.rpc-address.knet-it.nn1", "127.0.0.1:" + dfs.getNameNodePort(),
                "spark.hadoop.dfs.client.failover.proxy.provider.knet-it",
                "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider");
        // a new session that reads them, as spark-submit --conf gives them to the driver JVM
        var existing = org.knetsweep.spark.SparkSessions.existing();
        if (existing != null) existing.stop();
        props.forEach(System::setProperty);
        try {
            String tables = "hdfs://knet-it/tables-logical";
            var run = Queries.knet(sweep("hdfs-2", "hdfs://knet-it/data/cifar-10-binary.tar.gz", tables, 2, 0,
                    "knet.sweep.final.enabled=false"));
            assertEquals(0, run.status(), run.out() + run.err());
            var q = Queries.query("SELECT count(*) AS n FROM trials WHERE sweep_id = 'hdfs-2'", tables);
            assertEquals(List.of("n", "2"), q.out().lines().toList(), q.err());
        } finally {
            props.keySet().forEach(System::clearProperty);
        }
        List<String> written = files(hdfs + "/tables-logical");
        assertTrue(written.contains("/tables-logical/trials/sweep_id=hdfs-2/compacted.parquet"), written.toString());
    }

    /** Settings of a tiny sweep (2 coarse, 1 fine, 1 final trial of 2 x 20 steps) on the Parquet table at {@code uri}. */
    private static List<String> tableSweep(String id, String uri, String results, String cache) {
        return ClusterData.sweepArgs(id, List.of(
                "knet.data.format=parquet",
                "knet.data.train=" + uri + "/train",
                "knet.data.test=" + uri + "/test",
                "knet.data.cache-dir=" + cache,
                "knet.data.validation-size=100",
                "knet.network.hidden=[16]",
                "knet.training.batch-size=20",
                "knet.training.step-size=20",
                "knet.training.cycles=1",
                "knet.training.eta-min=1e-4",
                "knet.training.eta-max=5e-2",
                "knet.training.train-eval-size=100",
                "knet.sweep.coarse.trials=2",
                "knet.sweep.fine.trials=1",
                "knet.sweep.final.cycles=1",
                "knet.sweep.final.replicas=1",
                "knet.results.root=" + results));
    }

    private static List<String> withMaster(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--master", "local[2]"));
        return all;
    }

    /** The trials rows of sweep {@code id} without what differs between runs (timings, hosts, paths, config). */
    private static List<String> stableTrials(String id, String results) {
        var q = Queries.knet(List.of("query", "SELECT stage, trial_id, log10_lambda, seed, epochs, steps, status, "
                + "val_accuracy, best_val_accuracy, val_cost, val_loss, train_accuracy, train_cost, train_loss, "
                + "test_accuracy FROM trials WHERE sweep_id = '" + id + "' ORDER BY trial_id", "--results", results,
                "--format", "csv", "--limit", "0", "--master", "local[2]"));
        assertEquals(0, q.status(), q.err());
        return q.out().lines().toList();
    }

    @Test
    @Timeout(180)
    void aParquetTableOnHdfsSweepsLikeItsLocalCopy() throws IOException {
        String tables = hdfs + "/pq-tables";
        Path cache = dir.resolve("pq-cache");
        var run = Queries.knet(withMaster(tableSweep("hdfs-pq", hdfs + "/table", tables, cache.toString())));
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("table " + hdfs + "/table/train: 300 train / 100 validation / 120 test rows, "
                + "32 features, 4 classes"), run.out());
        // each of the four files copied once into the local cache (the driver's read; the executors, in this JVM,
        // reuse it), one folder per table
        List<String> copies = run.out().lines().filter(l -> l.startsWith("copying hdfs://")).toList();
        assertEquals(4, copies.size(), run.out());
        for (String f : List.of("/table/train/part-00000.parquet", "/table/train/part-00001.parquet",
                "/table/test/part-00000.parquet", "/table/test/part-00001.parquet"))
            assertEquals(1, copies.stream().filter(l -> l.startsWith("copying " + hdfs + f + " ")).count(), run.out());
        try (var folders = Files.list(cache)) {
            assertEquals(2, folders.filter(p -> p.getFileName().toString().startsWith("remote-")).count());
        }

        List<String> rows = stableTrials("hdfs-pq", tables);
        assertEquals(List.of("coarse-000", "coarse-001", "final-000", "fine-000"),
                rows.subList(1, rows.size()).stream().map(r -> r.split(",", -1)[1]).toList(), rows.toString());
        int status = List.of(rows.get(0).split(",")).indexOf("status");
        int val = List.of(rows.get(0).split(",")).indexOf("val_accuracy");
        int test = List.of(rows.get(0).split(",")).indexOf("test_accuracy");
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertEquals("COMPLETE", cells[status], row);
            assertTrue(Double.parseDouble(cells[val]) > 0.4, row); // 4 classes: chance is 0.25
            // the test table is scored by the final stage only; absent, not zero, elsewhere
            assertEquals(cells[0].equals("final"), !cells[test].isEmpty(), row);
        }
        List<String> written = files(tables);
        assertTrue(written.contains("/pq-tables/trials/sweep_id=hdfs-pq/compacted.parquet"), written.toString());
        assertTrue(written.contains("/pq-tables/model-files/sweep_id=hdfs-pq/final-000/manifest.json"),
                written.toString());

        // the same sweep on the local copy of the table gives the same rows, to the last bit
        String local = dir.resolve("pq-local").toString();
        var same = Queries.knet(withMaster(tableSweep("hdfs-pq", dir.resolve("table").toString(), local,
                dir.resolve("pq-local-cache").toString())));
        assertEquals(0, same.status(), same.out() + same.err());
        assertEquals(rows, stableTrials("hdfs-pq", local));
    }

    @Test
    @Timeout(120)
    void aMissingTableOnHdfsIsOneLineNamingIt() throws IOException {
        String tables = hdfs + "/pq-missing-tables";
        var run = Queries.knet(withMaster(tableSweep("hdfs-pq-missing", hdfs + "/no-such-table", tables,
                dir.resolve("pq-cache").toString())));
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(List.of("knet: invalid value for knet.data.train: " + hdfs + "/no-such-table/train does not "
                + "exist"), run.err().lines().toList());
        assertEquals(List.of(), files(tables));
    }
}
