package org.knetsweep.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The child processes of the cluster tests: started with their output in a log file, remembered, and killed with
 * all their descendants by {@link #kill} or, at the latest, by a shutdown hook of the test JVM.
 */
final class Procs {
    private static final List<Process> STARTED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Procs::killAll, "knet-it-procs"));
    }

    private Procs() {
    }

    /** The java launcher of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code command} with {@code env} added to this JVM's environment, stdout and stderr to {@code log}. */
    static Process start(List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process p = pb.start();
            STARTED.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILLs the process and every descendant it has (descendants first: they would be orphaned otherwise). */
    static void kill(Process p) {
        if (p == null) return;
        List<ProcessHandle> descendants = p.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(20, TimeUnit.SECONDS);
            for (ProcessHandle d : descendants) d.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort
        }
        STARTED.remove(p);
    }

    static void killAll() {
        for (Process p : new ArrayList<>(STARTED)) kill(p);
    }

    /** The command line of a process as /proc shows it (arguments joined by spaces), or "" when it is gone. */
    static String commandLine(ProcessHandle h) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(h.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return h.info().commandLine().orElse("");
        }
    }

    /** Live processes of this machine whose command line contains every one of {@code parts}. */
    static List<ProcessHandle> find(String... parts) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(h -> {
            String cmd = commandLine(h);
            return Arrays.stream(parts).allMatch(cmd::contains);
        }).collect(Collectors.toList());
    }

    /** Polls {@code condition} every 200 ms until it holds (true) or {@code timeout} passes (false). */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The last {@code lines} lines of a log file, for assertion messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log " + log + ": " + e + ")";
        }
    }

    static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A TCP port free on 127.0.0.1 right now. */
    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end; empty when it is still running after {@code timeout}. */
    static Optional<Integer> waitFor(Process p, Duration timeout) {
        try {
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return Optional.of(p.exitValue());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
