package org.knetsweep.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.knetsweep.report.SweepReport;

/**
 * The files of a sweep's report ({@code knet report}: {@code OUT/<sweep_id>/report.html} and its PNGs), served only
 * when the report exists, and only files found by listing that folder whose names are plain (letters, digits,
 * {@code . _ -}, no leading dot) with a known extension. A name is compared with the listing, never resolved as a
 * path, and symbolic links are not followed.
 */
final class ReportFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.(png|html|md)");

    private final Path parent;

    ReportFiles(Path parent) {
        this.parent = parent;
    }

    /** True when the sweep's report.html exists. */
    boolean exists(String sweepId) {
        return file(sweepId, SweepReport.HTML).isPresent();
    }

    /** The report file {@code name} of the sweep, if the report folder lists it. */
    Optional<Path> file(String sweepId, String name) {
        if (!NAME.matcher(name).matches()) return Optional.empty();
        Path dir;
        try {
            dir = SweepReport.folder(parent, sweepId);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(name))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String contentType(String name) {
        if (name.endsWith(".png")) return "image/png";
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        return "text/plain; charset=utf-8";
    }
}
