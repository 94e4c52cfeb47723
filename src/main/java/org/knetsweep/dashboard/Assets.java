package org.knetsweep.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The static files the pages load, by a fixed name each: Apache ECharts from its WebJar
 * ({@code org.webjars.npm:echarts}) and the dashboard's own script and style sheet. Nothing else is served from
 * the classpath.
 */
final class Assets {
    /** The ECharts version of the WebJar on the classpath (pom.xml). */
    static final String ECHARTS_VERSION = "5.3.1";
    private static final Map<String, String> RESOURCES = Map.of(
            "echarts.min.js", "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js",
            "dashboard.js", "/org/knetsweep/dashboard/dashboard.js",
            "dashboard.css", "/org/knetsweep/dashboard/dashboard.css");

    /** A served file: its bytes and content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /** The asset of that exact name, or empty for any other name. */
    Optional<Asset> get(String name) {
        String resource = RESOURCES.get(name);
        if (resource == null) return Optional.empty();
        return Optional.of(loaded.computeIfAbsent(name, n -> load(resource, n)));
    }

    private static Asset load(String resource, String name) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("the dashboard's asset " + resource + " is not on the classpath");
            String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dashboard's asset " + resource + ": " + e.getMessage(), e);
        }
    }
}
