package org.knetsweep.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A Hadoop cluster in this JVM, on 127.0.0.1: a MiniDFSCluster (one DataNode) and a MiniYARNCluster (one
 * ResourceManager, one NodeManager with 4 GB and 4 vcores for containers, no memory checks), with a HADOOP_CONF_DIR
 * that names them (core-site.xml: fs.defaultFS; yarn-site.xml: the ResourceManager's addresses), as on a client
 * machine of a real cluster. {@link #submit} runs spark-submit --master yarn from a SPARK_HOME whose jars/ links to the
 * Spark runtime jars plus spark-yarn; the containers take those jars from that folder ({@code spark.yarn.jars=local:})
 * and the application jar from the upload to HDFS, as on a real cluster.
 */
final class YarnCluster implements AutoCloseable {
    /** The NodeManager's resources for containers. */
    static final int NODE_MEMORY_MB = 4096;
    static final int NODE_VCORES = 4;
    private static final Pattern APP_ID = Pattern.compile("(application_\\d+_\\d+)");

    final Path dir;
    final Path confDir;
    final Path sparkHome;
    final MiniDFSCluster dfs;
    final MiniYARNCluster yarn;
    /** hdfs://127.0.0.1:PORT */
    final String hdfs;

    private YarnCluster(Path dir, MiniDFSCluster dfs, MiniYARNCluster yarn) throws IOException {
        this.dir = dir;
        this.dfs = dfs;
        this.yarn = yarn;
        this.hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
        this.confDir = writeConfDir(dir.resolve("hadoop-conf"));
        this.sparkHome = StandaloneCluster.makeSparkHome(dir.resolve("spark-home"), List.of(sparkYarnJar()));
    }

    /** Starts HDFS, then YARN, and waits until the ResourceManager has its port and the NodeManager is registered. */
    static YarnCluster start(Path dir) throws IOException {
        Configuration dfsConf = new Configuration();
        dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        for (String key : List.of("dfs.namenode.http-address", "dfs.namenode.https-address", "dfs.datanode.address",
                "dfs.datanode.http.address", "dfs.datanode.https.address", "dfs.datanode.ipc.address"))
            dfsConf.set(key, "127.0.0.1:0");
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).format(true).build();
        MiniYARNCluster yarn = null;
        try {
            dfs.waitActive();
            // MiniYARNCluster keeps its NodeManager's local and log folders under test.build.data
            System.setProperty("test.build.data", dir.resolve("yarn").toString());
            yarn = new MiniYARNCluster("knet-yarn-it", 1, 1, 1);
            yarn.init(yarnConf("hdfs://127.0.0.1:" + dfs.getNameNodePort()));
            yarn.start();
            MiniYARNCluster y = yarn;
            // start() may return before the ResourceManager has written its bound port into the configuration
            if (!Procs.await(Duration.ofSeconds(30), () -> !y.getConfig().get(YarnConfiguration.RM_ADDRESS)
                    .endsWith(":0")) || !y.waitForNodeManagersToConnect(30_000))
                throw new IllegalStateException("the MiniYARNCluster did not come up: RM address "
                        + y.getConfig().get(YarnConfiguration.RM_ADDRESS));
            return new YarnCluster(dir, dfs, yarn);
        } catch (IOException | RuntimeException | Error e) {
            stop(yarn, dfs);
            throw e;
        } catch (YarnException | InterruptedException e) {
            stop(yarn, dfs);
            throw new IllegalStateException("the MiniYARNCluster did not come up", e);
        }
    }

    private static void stop(MiniYARNCluster yarn, MiniDFSCluster dfs) {
        if (yarn != null) yarn.stop();
        dfs.shutdown(true);
    }

    private static YarnConfiguration yarnConf(String defaultFs) {
        YarnConfiguration c = new YarnConfiguration();
        c.set("fs.defaultFS", defaultFs);
        c.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
        c.setInt(YarnConfiguration.NM_PMEM_MB, NODE_MEMORY_MB);
        c.setInt(YarnConfiguration.NM_VCORES, NODE_VCORES);
        c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        c.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 2048);
        // ND4J's native memory and the JVMs' virtual address space are not what this test is about
        c.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        c.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        // a fuller disk than the default 90% must not take the NodeManager's only disk out of service
        c.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        // hadoop-client-minicluster has no capacity-scheduler.xml: one queue with all of the node, and room for the
        // ApplicationMaster (the default 10% of 4 GB is less than one AM container)
        c.set("yarn.scheduler.capacity.root.queues", "default");
        c.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        c.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        c.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        c.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        c.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        c.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        c.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
        c.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        return c;
    }

    /** core-site.xml with fs.defaultFS, yarn-site.xml with the ResourceManager's addresses: a client's configuration. */
    private Path writeConfDir(Path conf) throws IOException {
        Files.createDirectories(conf);
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", hdfs);
        write(core, conf.resolve("core-site.xml"));
        Configuration site = new Configuration(false);
        for (Map.Entry<String, String> e : yarn.getConfig()) {
            String k = e.getKey();
            if (k.equals(YarnConfiguration.RM_HOSTNAME) || k.startsWith("yarn.resourcemanager.") && k.endsWith(".address"))
                site.set(k, yarn.getConfig().get(k));
        }
        write(site, conf.resolve("yarn-site.xml"));
        return conf;
    }

    private static void write(Configuration c, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            c.writeXml(out);
        }
    }

    /** The spark-yarn jar of the test classpath (a test dependency: the Spark runtime of the -spark jar lacks it). */
    static Path sparkYarnJar() {
        try {
            return Path.of(Class.forName("org.apache.spark.deploy.yarn.Client").getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("spark-yarn is not on the test classpath (a test dependency of the pom)", e);
        }
    }

    /** A spark-submit process and its log (stdout and stderr). */
    record Submit(Process process, Path log) {
        String output() {
            return Procs.read(log);
        }

        /** The YARN application id that spark-submit reported, if any yet. */
        Optional<String> appId() {
            Matcher m = APP_ID.matcher(output());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /**
     * The spark-submit settings of these tests: small containers (one executor of 2 cores and 512 MB plus 384 MB
     * overhead; a 256 MB ApplicationMaster in client mode, a 512 MB driver in cluster mode), the --add-opens of
     * Spark and ND4J and the quick-start flags of {@link StandaloneCluster#EXECUTOR_FLAGS} for every JVM, JAVA_HOME
     * and SPARK_LOCAL_IP for the containers, authentication on (YARN distributes a secret per application).
     */
    List<String> confs(String deployMode) {
        String opens = String.join(" ", StandaloneCluster.opens());
        List<String> confs = new ArrayList<>(List.of(
                "spark.yarn.jars=local:" + sparkHome.resolve("jars") + "/*",
                "spark.yarn.maxAppAttempts=1",
                "spark.executor.instances=1",
                "spark.executor.cores=2",
                "spark.executor.memory=512m",
                "spark.executor.memoryOverhead=384m",
                "spark.driver.extraJavaOptions=" + opens + " " + StandaloneCluster.EXECUTOR_FLAGS,
                "spark.executor.extraJavaOptions=" + opens + " " + StandaloneCluster.EXECUTOR_FLAGS,
                "spark.authenticate=true",
                "spark.ui.enabled=false"));
        for (String env : List.of("spark.yarn.appMasterEnv.", "spark.executorEnv.")) {
            confs.add(env + "JAVA_HOME=" + System.getProperty("java.home"));
            confs.add(env + "SPARK_LOCAL_IP=127.0.0.1");
            confs.add(env + "OMP_NUM_THREADS=1");
        }
        if (deployMode.equals("client")) {
            confs.add("spark.yarn.am.memory=256m");
            confs.add("spark.yarn.am.extraJavaOptions=" + opens + " " + StandaloneCluster.EXECUTOR_FLAGS);
            confs.add("spark.driver.host=127.0.0.1");
            confs.add("spark.driver.bindAddress=127.0.0.1");
        } else {
            confs.add("spark.driver.memory=512m");
        }
        return confs;
    }

    /**
     * Starts {@code java -cp HADOOP_CONF_DIR:SPARK_HOME/jars/* org.apache.spark.deploy.SparkSubmit --master yarn
     * --deploy-mode MODE --name NAME --conf ... --class Main JAR args} with HADOOP_CONF_DIR and SPARK_HOME set, as
     * bin/spark-submit runs it. In client mode this JVM is the driver.
     */
    Submit submit(String name, String deployMode, List<String> appArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Procs.java());
        cmd.addAll(StandaloneCluster.opens());
        cmd.addAll(List.of(deployMode.equals("client") ? "-Xmx1g" : "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", confDir + java.io.File.pathSeparator + sparkHome.resolve("jars") + "/*",
                "org.apache.spark.deploy.SparkSubmit", "--master", "yarn", "--deploy-mode", deployMode, "--name", name));
        for (String c : confs(deployMode)) {
            cmd.add("--conf");
            cmd.add(c);
        }
        cmd.addAll(List.of("--class", StandaloneCluster.MAIN, StandaloneCluster.sparkJar().toString()));
        cmd.addAll(appArgs);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HADOOP_CONF_DIR", confDir.toString());
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OMP_NUM_THREADS", "1");
        env.put("KNET_DEBUG", "1");
        Path log = dir.resolve("logs/submit-" + name + ".log");
        return new Submit(Procs.start(cmd, env, log), log);
    }

    /** What the ResourceManager knows of an application: name, state, final status, diagnostics. */
    ApplicationReport report(String appId) {
        try (YarnClient client = YarnClient.createYarnClient()) {
            client.init(yarn.getConfig());
            client.start();
            return client.getApplications().stream().filter(a -> a.getApplicationId().toString().equals(appId))
                    .findFirst().orElseThrow(() -> new IllegalStateException("YARN does not know " + appId));
        } catch (IOException | YarnException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stdout and stderr files of the containers of an application, under the NodeManager's log folder. */
    List<Path> containerLogs(String appId) {
        try (Stream<Path> files = Files.walk(dir.resolve("yarn"))) {
            return files.filter(p -> p.toString().contains("/" + appId + "/"))
                    .filter(p -> p.getFileName().toString().equals("stdout") || p.getFileName().toString().equals("stderr"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stdout or stderr ({@code stream}) of an application's first container: in cluster mode, the driver's (the
     * ApplicationMaster's).
     */
    String amLog(String appId, String stream) {
        return containerLogs(appId).stream().filter(p -> p.getFileName().toString().equals(stream))
                .filter(p -> p.getParent().getFileName().toString().endsWith("_000001")).findFirst()
                .map(Procs::read).orElse("");
    }

    /** The last lines of every container log of an application, for assertion messages. */
    String containerLogTails(String appId) {
        StringBuilder s = new StringBuilder();
        for (Path p : containerLogs(appId)) s.append("== ").append(p).append('\n').append(Procs.tail(p, 40)).append('\n');
        return s.toString();
    }

    @Override
    public void close() {
        try {
            yarn.stop();
        } finally {
            dfs.shutdown(true);
            // the NodeManager's copies of the application jar (130 MB per application); logs stay
            try (Stream<Path> files = Files.walk(dir.resolve("yarn"))) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                        .filter(f -> !Files.isSymbolicLink(f)).toList())
                    Files.deleteIfExists(p);
            } catch (IOException | UncheckedIOException ignored) {
                // best effort
            }
        }
    }
}
