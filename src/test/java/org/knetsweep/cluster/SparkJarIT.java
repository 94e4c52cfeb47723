package org.knetsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The -spark jar carries exactly the runtime dependencies outside spark-sql's tree, and the Spark classpath of the
 * cluster tests exactly those inside it (both come from the pom's explicit lists; this keeps them honest when a
 * dependency is added).
 */
@Tag("cluster")
class SparkJarIT {
    /** A runtime dependency: its jar's file name, keyed by groupId:artifactId[:classifier]. */
    private record Dep(String key, String jarName) {
    }

    /** Top-level dependencies that Spark brings in the same version (the pom's spark.declared), with their trees. */
    private static final Set<String> SPARK_DECLARED = Set.of(System.getProperty("knet.it.sparkDeclared", "")
            .split("\\s*,\\s*"));

    /**
     * Runtime dependencies by tree: "spark" (under spark-sql, or declared but Spark's: {@link #SPARK_DECLARED}) and
     * "app" (every other top-level dependency).
     */
    private static Map<String, List<Dep>> runtimeDependencies() throws IOException {
        Path tree = Path.of(System.getProperty("knet.it.dependencyTree", "target/dependency-tree.txt"));
        Map<String, List<Dep>> byTree = new LinkedHashMap<>(Map.of("spark", new ArrayList<>(), "app", new ArrayList<>()));
        String top = null;
        List<String> lines = Files.readAllLines(tree, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int start = 0;
            while (start < line.length() && !Character.isLetterOrDigit(line.charAt(start))) start++;
            if (start >= line.length()) continue;
            String[] c = line.substring(start).split("\\s")[0].split(":");
            if (c.length < 5) continue;
            String scope = c[c.length - 1];
            if (start == 3) top = c[0] + ":" + c[1];
            if (!scope.equals("compile") && !scope.equals("runtime")) continue;
            String classifier = c.length == 6 ? c[3] : null;
            String version = c[c.length - 2];
            Dep d = new Dep(c[0] + ":" + c[1] + (classifier == null ? "" : ":" + classifier),
                    c[1] + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar");
            boolean spark = "org.apache.spark:spark-sql_2.13".equals(top) || SPARK_DECLARED.contains(top);
            byTree.get(spark ? "spark" : "app").add(d);
        }
        return byTree;
    }

    private static Map<String, Path> testClasspathJars() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (e.endsWith(".jar")) jars.put(Path.of(e).getFileName().toString(), Path.of(e));
        }
        return jars;
    }

    @Test
    void theSparkJarCarriesTheApplicationAndItsNonSparkDependenciesOnly() throws IOException {
        Map<String, List<Dep>> deps = runtimeDependencies();
        assertTrue(deps.get("spark").size() > 100, deps.get("spark").toString());
        assertTrue(deps.get("app").stream().anyMatch(d -> d.key().equals("org.nd4j:nd4j-native:linux-x86_64")));

        Set<String> sparkClasspath = new HashSet<>();
        for (String e : StandaloneCluster.sparkClasspath().split(File.pathSeparator))
            sparkClasspath.add(Path.of(e).getFileName().toString());
        for (Dep d : deps.get("spark"))
            assertTrue(sparkClasspath.contains(d.jarName()), d.key() + " (Spark's) is missing from the Spark classpath:"
                    + " is it in the pom's app.only lists?");

        Path jar = StandaloneCluster.sparkJar();
        assertTrue(Files.size(jar) < 200_000_000L, "size of " + jar + ": " + Files.size(jar));
        Map<String, Path> classpath = testClasspathJars();
        try (ZipFile shaded = new ZipFile(jar.toFile())) {
            Set<String> entries = new HashSet<>();
            shaded.stream().map(ZipEntry::getName).forEach(entries::add);
            List<String> missing = new ArrayList<>();
            for (Dep d : deps.get("app")) {
                assertFalse(sparkClasspath.contains(d.jarName()), d.key() + " is not Spark's; add it to the pom's "
                        + "app.only lists and the shade plugin's includes");
                Path depJar = classpath.get(d.jarName());
                if (depJar == null) {
                    missing.add(d.key() + " (jar not on the test classpath)");
                    continue;
                }
                try (ZipFile z = new ZipFile(depJar.toFile())) {
                    long absent = z.stream().filter(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/")
                            && !e.getName().endsWith("module-info.class") && !entries.contains(e.getName())).count();
                    if (absent > 0) missing.add(d.key() + " (" + absent + " entries)");
                }
            }
            assertEquals(List.of(), missing, "dependencies not in " + jar.getFileName()
                    + ": add them to the shade plugin's includes");

            Set<String> foreign = new TreeSet<>();
            for (String e : entries) {
                if (e.startsWith("org/apache/spark/") || e.startsWith("scala/") || e.startsWith("org/apache/hadoop/")
                        || e.startsWith("org/apache/parquet/") || e.startsWith("io/netty/")
                        || e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")) foreign.add(e);
            }
            assertEquals(Set.of(), foreign.stream().limit(10).collect(java.util.stream.Collectors.toSet()));
            assertTrue(entries.contains("org/knetsweep/cli/Main.class"));
            assertTrue(entries.contains("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libnd4jcpu.so"));
            assertTrue(entries.contains("org/bytedeco/openblas/linux-x86_64/libopenblas.so.0"));
            String backends = new String(shaded.getInputStream(shaded.getEntry(
                    "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(backends.contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), backends);
            String reference = new String(shaded.getInputStream(shaded.getEntry("reference.conf")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(reference.contains("knet {"), reference);
        }
    }
}
