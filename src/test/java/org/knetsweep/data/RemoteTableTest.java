package org.knetsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.DataFormat;
import org.knetsweep.config.TableConfig;
import org.knetsweep.data.SyntheticTables.Features;
import org.knetsweep.data.SyntheticTables.Labels;
import org.knetsweep.data.SyntheticTables.Spec;

/** A table on HDFS (an in-process MiniDFSCluster) is copied once into the local cache and read as a local one. */
class RemoteTableTest {
    private static final Spec SPEC = new Spec(90, 5, 3, 4, 3, Labels.STRING, Features.VECTOR_SPARSE);

    @TempDir
    static Path dir;
    private static MiniDFSCluster dfs;
    private static String hdfs;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        for (String key : List.of("dfs.namenode.http-address", "dfs.namenode.https-address", "dfs.datanode.address",
                "dfs.datanode.http.address", "dfs.datanode.https.address", "dfs.datanode.ipc.address"))
            conf.set(key, "127.0.0.1:0");
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        dfs.waitActive();
        hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
        Path local = SyntheticTables.write(dir.resolve("local"), SPEC);
        dfs.getFileSystem().mkdirs(new org.apache.hadoop.fs.Path("/tables"));
        dfs.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()),
                new org.apache.hadoop.fs.Path("/tables/"));
    }

    @AfterAll
    static void stopHdfs() {
        TableLoader.clearCache();
        if (dfs != null) dfs.shutdown(true);
    }

    private static DataConfig cfg(String train) {
        return new DataConfig("auto", "", "", dir.resolve("cache").toString(), 10, 0, 0, DataFormat.PARQUET,
                new TableConfig(train, "", "", "label", "features", List.of(), ""));
    }

    @Test
    void aRemoteTableIsCopiedOnceAndHoldsTheLocalRows() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        TableData remote = TableLoader.readTables(cfg(hdfs + "/tables/local"), out);
        TableData local = TableLoader.readTables(cfg(dir.resolve("local").toString()), null);
        assertArrayEquals(local.train().values(), remote.train().values());
        assertArrayEquals(local.train().labels(), remote.train().labels());
        assertEquals(local.labelNames(), remote.labelNames());
        String first = log.toString(StandardCharsets.UTF_8);
        assertEquals(3, first.lines().filter(l -> l.startsWith("copying hdfs://")).count(), first);
        assertFalse(first.contains("_SUCCESS"), first);
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            assertEquals(3, files.filter(p -> p.toString().endsWith(".parquet")).count());
        }
        log.reset();
        TableLoader.readTables(cfg(hdfs + "/tables/local"), out); // a new read, same files: nothing copied again
        assertTrue(log.toString(StandardCharsets.UTF_8).isEmpty(), log.toString(StandardCharsets.UTF_8));
        String missing = org.junit.jupiter.api.Assertions.assertThrows(org.knetsweep.KnetException.class,
                () -> TableLoader.readTables(cfg(hdfs + "/tables/none"), null)).getMessage();
        assertEquals("invalid value for knet.data.train: " + hdfs + "/tables/none does not exist", missing);
    }
}
