package org.knetsweep;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Inputs from outside the repository that some tests need: the real CIFAR-10 archive and Debian's Chromium. When one
 * is missing, the test that needs it is skipped on a developer machine but fails under {@code CI=true} (as
 * {@code .ci/run} sets, after installing Chromium), so that CI never passes with those tests silently left out.
 */
public final class TestInputs {
    /** The real archive, relative to the repository root (the tests' working directory). */
    public static final Path CIFAR_ARCHIVE = Path.of("../shared/data/cifar-10-binary.tar.gz");
    /** Where Debian's chromium package installs the browser. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private TestInputs() {
    }

    /** The real CIFAR-10 archive; skips the calling test when it is missing, or fails it under CI=true. */
    public static Path cifarArchive() {
        return require(CIFAR_ARCHIVE, Files.isRegularFile(CIFAR_ARCHIVE), System.getenv("CI"));
    }

    /** Chromium; skips the calling test when it is missing, or fails it under CI=true. */
    public static Path chromium() {
        return require(CHROMIUM, Files.isExecutable(CHROMIUM), System.getenv("CI"));
    }

    /** {@code path} when present; else a skip, or a failure when {@code ciVariable} is "true". */
    static Path require(Path path, boolean present, String ciVariable) {
        if (present) return path;
        String message = "missing " + path.toAbsolutePath().normalize();
        if ("true".equalsIgnoreCase(ciVariable)) throw new AssertionFailedError(message + " (required under CI=true)");
        Assumptions.abort(message);
        return null; // not reached: abort throws
    }
}
