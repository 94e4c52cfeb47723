package org.knetsweep.dashboard;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a request to a {@link Response}. Known routes only:
 *
 * <pre>
 * /                              the start page
 * /sweep/ID                      a sweep's page               /api/sweeps           every sweep's summary
 * /sweep/ID/report/[FILE]        its report, if written       /api/sweep/ID         a sweep's data
 * /sweep/ID/model/TRIAL          a saved model's manifest     /api/sweep/ID/epochs?trial=T&amp;trial=...  curves
 * /assets/NAME                   ECharts, dashboard.js, dashboard.css
 * </pre>
 *
 * Each path segment is percent-decoded exactly once, and an ID or TRIAL must equal a sweep id of the tables or a
 * trial id of that sweep's {@code models} rows: nothing in a path is ever resolved as a file name, so {@code ..},
 * {@code %2e%2e}, {@code %2f} and double encodings all end in a 404, as does every other path. Only GET and HEAD.
 */
final class Router {
    private static final int MAX_PATH = 2048;

    private final SweepData data;
    private final ReportFiles reports;
    private final ModelManifests models;
    private final Assets assets = new Assets();

    Router(SweepData data, ReportFiles reports, ModelManifests models) {
        this.data = data;
        this.reports = reports;
        this.models = models;
    }

    Response route(String method, String rawPath, String rawQuery) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) return Response.methodNotAllowed();
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.length() > MAX_PATH) return Response.notFound();
        if (rawPath.equals("/")) return Response.html(Pages.start(data.reader().root(), data.summaries()));
        List<String> parts = segments(rawPath);
        if (parts == null) return Response.notFound();
        return switch (parts.get(0)) {
            case "assets" -> parts.size() == 2
                    ? assets.get(parts.get(1)).map(a -> new Response(200, a.contentType(), a.bytes()))
                            .orElseGet(Response::notFound)
                    : Response.notFound();
            case "sweep" -> sweep(parts);
            case "api" -> api(parts, rawQuery);
            default -> Response.notFound();
        };
    }

    private Response sweep(List<String> parts) {
        if (parts.size() < 2 || !known(parts.get(1))) return Response.notFound();
        String id = parts.get(1);
        if (parts.size() == 2) return Response.html(Pages.sweep(data.summary(id)));
        if (parts.size() == 4 && parts.get(2).equals("report"))
            return reportFile(id, parts.get(3).isEmpty() ? "report.html" : parts.get(3));
        if (parts.size() == 4 && parts.get(2).equals("model")) {
            String path = data.modelPaths(id).get(parts.get(3));
            if (path == null) return Response.notFound();
            return models.read(path).map(Response::json).orElseGet(Response::notFound);
        }
        return Response.notFound();
    }

    private Response reportFile(String id, String name) {
        Optional<Path> file = reports.file(id, name);
        if (file.isEmpty()) return Response.notFound();
        try {
            return new Response(200, ReportFiles.contentType(name), Files.readAllBytes(file.get()));
        } catch (IOException e) {
            return Response.notFound();
        }
    }

    private Response api(List<String> parts, String rawQuery) {
        if (parts.size() == 2 && parts.get(1).equals("sweeps")) return Response.json(data.sweepsJson());
        if (parts.size() < 3 || !parts.get(1).equals("sweep") || !known(parts.get(2))) return Response.notFound();
        String id = parts.get(2);
        if (parts.size() == 3) return Response.json(data.sweepJson(id));
        if (parts.size() == 4 && parts.get(3).equals("epochs")) {
            List<String> trials = trialParameters(rawQuery);
            return trials == null ? Response.notFound() : Response.json(data.curvesJson(id, trials));
        }
        return Response.notFound();
    }

    private boolean known(String sweepId) {
        return data.reader().sweepIds().contains(sweepId);
    }

    /**
     * The decoded segments after the leading slash; null for a path with an empty segment (other than a trailing
     * one), a raw {@code .} or {@code ..} segment, or an invalid escape.
     */
    static List<String> segments(String rawPath) {
        String[] raw = rawPath.substring(1).split("/", -1);
        List<String> out = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i];
            if (s.isEmpty() && i < raw.length - 1) return null;
            if (s.equals(".") || s.equals("..")) return null;
            String decoded = decode(s);
            if (decoded == null) return null;
            out.add(decoded);
        }
        return out;
    }

    /** {@code %XX} sequences decoded as UTF-8, exactly once ({@code +} stays a plus); null when invalid. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) return segment;
        ByteBuffer bytes = ByteBuffer.allocate(segment.length() * 3);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) return null;
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The values of the {@code trial} parameters of a query string; null for any other parameter or a bad escape. */
    static List<String> trialParameters(String rawQuery) {
        List<String> trials = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) return trials;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0 || !pair.substring(0, eq).equals("trial")) return null;
            try {
                trials.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return trials;
    }
}
