package org.knetsweep.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.knetsweep.KnetException;
import org.knetsweep.io.AtomicFile;

/**
 * A CIFAR-10 source on a Hadoop file system (hdfs://, s3a://, ...): an archive, or a folder of the .bin files, is
 * copied once into a local cache folder per (URI, size, modification time), atomically (an {@link AtomicFile}
 * temporary file renamed into place), so that every executor can read it from its own disk. Concurrent copies on one host are serialized.
 */
public final class HadoopSource {
    private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

    private HadoopSource() {
    }

    /** True for a URI with a scheme other than file: (a Windows drive letter is not a scheme). */
    public static boolean isRemote(String source) {
        return Uris.isRemote(source);
    }

    /**
     * The Hadoop configuration for knet's own file system access: {@code new Configuration()} (core-site.xml etc. from
     * the classpath) plus, in a JVM of a Spark application (driver or executor), the application's
     * {@code spark.hadoop.*} settings without that prefix, as Spark applies them to its own Hadoop configuration. So
     * {@code --conf spark.hadoop.fs.s3a.endpoint=...} reaches the data source and the result tables too.
     */
    public static Configuration configuration() {
        Configuration conf = new Configuration();
        sparkHadoopSettings().forEach(conf::set);
        return conf;
    }

    /**
     * The {@code spark.hadoop.*} settings (without that prefix) of the Spark application this JVM runs, in their
     * order; empty outside a Spark application.
     */
    public static Map<String, String> sparkHadoopSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            for (scala.Tuple2<String, String> kv : env.conf().getAll()) {
                if (kv._1().startsWith(SPARK_HADOOP_PREFIX) && kv._1().length() > SPARK_HADOOP_PREFIX.length())
                    settings.put(kv._1().substring(SPARK_HADOOP_PREFIX.length()), kv._2());
            }
        }
        return settings;
    }

    /** Copies the remote source into {@code cache}; returns the local archive or folder. */
    public static Path fetch(String source, Path cache, PrintStream log) {
        URI uri = URI.create(source);
        try {
            FileSystem fs = FileSystem.get(uri, configuration());
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
            if (!fs.exists(remote))
                throw new KnetException("invalid value for knet.data.source: " + source + " does not exist");
            FileStatus status = fs.getFileStatus(remote);
            Path dir = cache.resolve("remote-" + id(source, status));
            Files.createDirectories(dir);
            if (status.isFile()) {
                Path local = dir.resolve(remote.getName());
                copy(fs, status, local, log);
                return local;
            }
            Path bins = dir.resolve(Cifar10Reader.BATCHES_FOLDER);
            Files.createDirectories(bins);
            for (String name : Cifar10Reader.batchFiles()) {
                org.apache.hadoop.fs.Path member = new org.apache.hadoop.fs.Path(remote, name);
                if (!fs.exists(member)) member = new org.apache.hadoop.fs.Path(
                        new org.apache.hadoop.fs.Path(remote, Cifar10Reader.BATCHES_FOLDER), name);
                if (!fs.exists(member))
                    throw new KnetException("invalid value for knet.data.source: " + source + " has no " + name);
                copy(fs, fs.getFileStatus(member), bins.resolve(name), log);
            }
            return bins;
        } catch (IOException e) {
            throw new KnetException("cannot read CIFAR-10 from " + source + ": " + e.getMessage(), e);
        }
    }

    /** Copies one remote file to {@code local} unless a copy of its size is there (serialized per host). */
    static void copy(FileSystem fs, FileStatus status, Path local, PrintStream log) throws IOException {
        PathLocks.withLock(local.resolveSibling(local.getFileName() + ".lock"), () -> {
            copyUnlocked(fs, status, local, log);
            return null;
        });
    }

    private static void copyUnlocked(FileSystem fs, FileStatus status, Path local, PrintStream log)
            throws IOException {
        {
            if (Files.isRegularFile(local) && Files.size(local) == status.getLen()) return;
            if (log != null) log.println("copying " + status.getPath() + " (" + status.getLen() / 1_000_000
                    + " MB) to " + local);
            AtomicFile.write(local, out -> {
                long copied;
                try (InputStream in = fs.open(status.getPath())) {
                    copied = in.transferTo(out);
                }
                if (copied != status.getLen())
                    throw new KnetException("copy of " + status.getPath() + " is truncated: " + copied + " of "
                            + status.getLen() + " bytes");
            });
        }
    }

    static String id(String source, FileStatus status) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = source + "\n" + status.getLen() + "\n" + status.getModificationTime();
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
