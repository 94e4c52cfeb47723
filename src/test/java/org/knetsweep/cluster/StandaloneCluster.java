package org.knetsweep.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 made of separate JVMs started from the Maven-resolved Spark jars: one
 * master and N workers (1 core, 1500 MB each), with {@code spark.authenticate} on. Workers launch executors from a
 * SPARK_HOME whose {@code jars/} links to the Spark runtime jars (target/spark-classpath.txt, written by the build);
 * the application travels in the -spark jar.
 */
final class StandaloneCluster implements AutoCloseable {
    static final String MAIN = "org.knetsweep.cli.Main";
    /** JVM flags of the executors besides the --add-opens: on 2 shared cores, startup time is most of a test. */
    static final String EXECUTOR_FLAGS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    final Path dir;
    final String secret;
    final int masterPort;
    final int masterUiPort;
    final Path sparkHome;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workerDirs = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The Spark runtime classpath (no project classes, no ND4J). */
    static String sparkClasspath() {
        Path file = Path.of(System.getProperty("knet.it.sparkClasspath", "target/spark-classpath.txt"));
        try {
            String cp = Files.readString(file).strip();
            if (cp.isEmpty()) throw new IllegalStateException(file + " is empty");
            return cp;
        } catch (IOException e) {
            throw new UncheckedIOException("no Spark classpath file (run mvn verify): " + file, e);
        }
    }

    /** The application jar for spark-submit (target/knet-sweep-VERSION-spark.jar). */
    static Path sparkJar() {
        String p = System.getProperty("knet.it.sparkJar");
        if (p != null) return Path.of(p);
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(f -> f.getFileName().toString().endsWith("-spark.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/*-spark.jar: run mvn package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The --add-opens flags the pom gives every JVM that runs Spark and ND4J. */
    static List<String> opens() {
        String s = System.getProperty("knet.it.javaOpens");
        if (s == null || s.isBlank()) {
            s = ManagementOpens.fromThisJvm();
        }
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList();
    }

    /** Where the tests keep their clusters, logs and tables. */
    static Path workRoot() {
        Path root = Path.of(System.getProperty("knet.it.workDir", "target/cluster-it")).toAbsolutePath();
        try {
            Files.createDirectories(root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StandaloneCluster(Path dir, String secret) {
        this.dir = dir;
        this.secret = secret;
        this.masterPort = Procs.freePort();
        this.masterUiPort = Procs.freePort();
        this.sparkHome = makeSparkHome(dir.resolve("spark-home"));
        try {
            Files.createDirectories(dir.resolve("local"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = daemon("master", org("deploy.master.Master"), "--host", "127.0.0.1", "--port",
                String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort));
        this.master = Procs.start(cmd, daemonEnv(), dir.resolve("logs/master.log"));
    }

    /** Starts a master and {@code workers} workers and waits (at most a minute) until they are all ALIVE. */
    static StandaloneCluster start(Path dir, int workers, String secret) {
        return start(dir, java.util.Collections.nCopies(workers, "127.0.0.1"), secret);
    }

    /**
     * Starts a master and one worker per entry of {@code workerHosts}, each on that loopback address (127.0.0.2 is
     * as local as 127.0.0.1, but Spark takes it for another host: it never launches a speculative copy of a task on
     * a host where the task already runs), and waits (at most a minute) until they are all ALIVE.
     */
    static StandaloneCluster start(Path dir, List<String> workerHosts, String secret) {
        StandaloneCluster c = new StandaloneCluster(dir, secret);
        try {
            for (String host : workerHosts) c.addWorker(host);
            c.awaitWorkers(workerHosts.size(), Duration.ofSeconds(180));
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Starts one more worker: 1 core, 1500 MB for executors. */
    void addWorker() {
        addWorker("127.0.0.1");
    }

    /** Starts one more worker on loopback address {@code host} (its executors bind there too): 1 core, 1500 MB. */
    void addWorker(String host) {
        int i = workers.size();
        Path work = dir.resolve("worker-" + i);
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = daemon("worker-" + i, org("deploy.worker.Worker"), masterUrl(), "--cores", "1",
                "--memory", "1500m", "--host", host, "--webui-port", String.valueOf(Procs.freePort()),
                "--work-dir", work.toString());
        Map<String, String> env = new LinkedHashMap<>(daemonEnv());
        env.put("SPARK_LOCAL_IP", host);
        workers.add(Procs.start(cmd, env, dir.resolve("logs/worker-" + i + ".log")));
        workerDirs.add(work);
    }

    /** The worker folders, where each application gets APP_ID/EXECUTOR_ID/ with the executor's logs. */
    List<Path> workerDirs() {
        return List.copyOf(workerDirs);
    }

    void awaitWorkers(int n, Duration timeout) {
        boolean ok = Procs.await(timeout, () -> {
            JsonNode s = stateOrNull();
            if (s == null) return false;
            int alive = 0;
            for (JsonNode w : s.path("workers")) if ("ALIVE".equals(w.path("state").asText())) alive++;
            return alive >= n;
        });
        if (!ok) throw new IllegalStateException("the standalone cluster did not come up with " + n + " workers:\n"
                + Procs.tail(dir.resolve("logs/master.log"), 30) + "\n" + Procs.tail(dir.resolve("logs/worker-0.log"), 30));
    }

    /** The master's state (GET /json/): workers, activeapps, completedapps. */
    JsonNode state() {
        JsonNode s = stateOrNull();
        if (s == null) throw new IllegalStateException("the master's web UI on port " + masterUiPort + " does not answer");
        return s;
    }

    private JsonNode stateOrNull() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Names of every application the master knows (active and completed). */
    Set<String> appNames() {
        JsonNode s = state();
        return Stream.concat(stream(s.path("activeapps")), stream(s.path("completedapps")))
                .map(a -> a.path("name").asText()).collect(Collectors.toSet());
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l.stream();
    }

    /** A spark-submit of the -spark jar in client mode: one driver JVM (this is the driver). */
    record Submit(Process process, Path log, int driverPort) {
        String output() {
            return Procs.read(log);
        }

        /** The executor JVMs of this application that are alive now. */
        List<ProcessHandle> executors() {
            return Procs.find("CoarseGrainedExecutorBackend", "@127.0.0.1:" + driverPort + " ");
        }
    }

    /** spark-submit settings that every knet application of these tests uses, authentication included. */
    List<String> defaultConfs(int driverPort, boolean authenticate) {
        String opens = String.join(" ", opens());
        List<String> confs = new ArrayList<>(List.of(
                "spark.driver.host=127.0.0.1",
                "spark.driver.bindAddress=127.0.0.1",
                "spark.driver.port=" + driverPort,
                "spark.driver.extraJavaOptions=" + opens,
                "spark.executor.extraJavaOptions=" + opens + " " + System.getProperty("knet.it.executorFlags",
                        EXECUTOR_FLAGS),
                "spark.executorEnv.OMP_NUM_THREADS=1",
                "spark.executor.memory=1g",
                "spark.ui.enabled=false"));
        if (authenticate) {
            confs.add("spark.authenticate=true");
            confs.add("spark.authenticate.secret=" + secret);
        }
        return confs;
    }

    /**
     * Starts {@code java -cp SPARK org.apache.spark.deploy.SparkSubmit --master ... --class Main JAR args} with the
     * default settings (with or without the secret) plus {@code extraConfs}.
     */
    Submit submit(String name, boolean authenticate, List<String> extraConfs, List<String> appArgs) {
        int driverPort = Procs.freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Procs.java());
        cmd.addAll(opens());
        cmd.addAll(List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", sparkClasspath(),
                org("deploy.SparkSubmit"),
                "--master", masterUrl(), "--deploy-mode", "client", "--name", name));
        List<String> confs = defaultConfs(driverPort, authenticate);
        confs.addAll(extraConfs);
        for (String c : confs) {
            cmd.add("--conf");
            cmd.add(c);
        }
        cmd.addAll(List.of("--class", MAIN, sparkJar().toString()));
        cmd.addAll(appArgs);
        Map<String, String> env = new HashMap<>(daemonEnv());
        env.put("KNET_DEBUG", "1");
        Path log = dir.resolve("logs/submit-" + name + ".log");
        return new Submit(Procs.start(cmd, env, log), log, driverPort);
    }

    /**
     * Kills the workers (and their executors), then the master, and deletes the executors' copies of the application
     * jar (130 MB each); logs and tables stay for inspection.
     */
    @Override
    public void close() {
        for (Process w : workers) Procs.kill(w);
        Procs.kill(master);
        for (Path w : workerDirs) {
            try (Stream<Path> files = Files.walk(w)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList())
                    Files.deleteIfExists(p);
            } catch (IOException | UncheckedIOException ignored) {
                // best effort
            }
        }
    }

    private List<String> daemon(String name, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Procs.java());
        cmd.addAll(opens());
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dspark.authenticate=true",
                "-Dspark.authenticate.secret=" + secret, "-Dspark.master.rest.enabled=false",
                "-Dknet.it.daemon=" + name + "@" + masterPortTag(), "-cp", sparkClasspath(), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String masterPortTag() {
        return String.valueOf(masterPort);
    }

    private Map<String, String> daemonEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OMP_NUM_THREADS", "1");
        env.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString()); // scratch space of all JVMs, not /tmp
        return env;
    }

    private static String org(String cls) {
        return "org.apache.spark." + cls;
    }

    /** SPARK_HOME with jars/ holding links to the Spark runtime jars: what workers build executor classpaths from. */
    private static Path makeSparkHome(Path home) {
        return makeSparkHome(home, List.of());
    }

    /** SPARK_HOME with jars/ holding links to the Spark runtime jars and to {@code extraJars}. */
    static Path makeSparkHome(Path home, List<Path> extraJars) {
        try {
            Path jars = home.resolve("jars");
            Files.createDirectories(jars);
            List<Path> all = new ArrayList<>();
            for (String entry : sparkClasspath().split(java.io.File.pathSeparator))
                if (!entry.isBlank()) all.add(Path.of(entry));
            all.addAll(extraJars);
            for (Path jar : all) {
                Path link = jars.resolve(jar.getFileName());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, jar);
            }
            Files.writeString(home.resolve("RELEASE"), "Spark (knet-sweep cluster tests)\n");
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fallback for running the tests outside Maven: the --add-opens of this JVM's own command line. */
    static final class ManagementOpens {
        static String fromThisJvm() {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                    .collect(Collectors.joining(" "));
        }
    }
}
