package org.knetsweep.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.hadoop.conf.Configuration;
import org.knetsweep.data.HadoopSource;

/**
 * One Hadoop {@link Configuration} per JVM and settings for the result stores. A store is deserialized afresh in
 * every Spark task, and {@code new Configuration()} parses core-default.xml and core-site.xml on first use (a few
 * milliseconds of CPU, most of a tiny trial's overhead when paid per task); stores with the same settings share one
 * configuration instead. The shared configuration is only read (parquet-hadoop may set its own keys, which do not
 * change how a file is written or read here).
 */
final class StoreConfigurations {
    private static final ConcurrentMap<Map<String, String>, Configuration> SHARED = new ConcurrentHashMap<>();

    private StoreConfigurations() {
    }

    /**
     * {@link HadoopSource#configuration()} (the classpath's resources plus this JVM's Spark application's
     * {@code spark.hadoop.*} settings) with {@code extra} applied over it, shared by every caller with the same
     * resulting settings.
     */
    static Configuration of(Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(HadoopSource.sparkHadoopSettings());
        settings.putAll(extra);
        return SHARED.computeIfAbsent(new TreeMap<>(settings), s -> {
            Configuration c = new Configuration();
            // file:// without a forked chmod per created file (NioLocalFileSystem); uncached, so that a file system
            // another part of the JVM already opened with the default class is not returned instead
            c.set("fs.file.impl", NioLocalFileSystem.class.getName());
            c.setBoolean("fs.file.impl.disable.cache", true);
            s.forEach(c::set);
            c.size(); // parses the resources now, once
            return c;
        });
    }
}
