package org.knetsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;

/** One driver per sweep: the lease in the results root, its refusal, and the take-over of a dead holder's lease. */
class SweepLeaseTest {
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private ResultStore store() {
        return new ResultStore(dir.toString());
    }

    private Path leaseFile(String sweepId) {
        return dir.resolve(SweepLease.DIR).resolve(sweepId + ".lease");
    }

    /** Leaves a lease file as a driver that died without releasing it would, last renewed {@code age} ago. */
    private void leftBehind(String sweepId, SweepLease.Holder holder, Duration age) throws Exception {
        Path file = leaseFile(sweepId);
        Files.createDirectories(file.getParent());
        Files.writeString(file, holder.text(), StandardCharsets.ISO_8859_1);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    @Test
    void aSecondDriverOfTheSweepIsRefusedWithOneLineNamingTheHolder() {
        try (SweepLease first = SweepLease.acquire(store(), "s1", MINUTE, log)) {
            assertTrue(Files.isRegularFile(leaseFile("s1")));
            KnetException e = assertThrows(KnetException.class, () -> SweepLease.acquire(store(), "s1", MINUTE, log));
            String m = e.getMessage();
            assertFalse(m.contains("\n"), m);
            assertTrue(m.startsWith("sweep s1 is already being run by another driver (host " + SweepLease.localHost()
                    + ", process " + ProcessHandle.current().pid() + ", since "), m);
            assertTrue(m.contains("knet.sweep.lease-timeout = 60 s"), m);
            // another sweep of the same root is not held
            try (SweepLease other = SweepLease.acquire(store(), "s2", MINUTE, log)) {
                assertEquals(ProcessHandle.current().pid(), other.holder().pid());
            }
            assertTrue(Files.isRegularFile(leaseFile("s1")), "the release of s2 keeps the folder of s1's lease");
        }
        assertFalse(Files.exists(leaseFile("s1")), "released on close");
        assertFalse(Files.exists(dir.resolve(SweepLease.DIR)), "no empty _leases folder left behind");
        try (SweepLease again = SweepLease.acquire(store(), "s1", MINUTE, log)) {
            assertTrue(Files.isRegularFile(leaseFile("s1")));
        }
    }

    @Test
    void theLeaseOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long deadPid = p.pid();
        leftBehind("s1", new SweepLease.Holder(SweepLease.localHost(), deadPid, Instant.now().minusSeconds(5),
                Instant.now(), "old-token"), Duration.ZERO);
        try (SweepLease lease = SweepLease.acquire(store(), "s1", MINUTE, log)) {
            assertEquals(ProcessHandle.current().pid(), lease.holder().pid());
        }
        String out = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("taking over the lease of host " + SweepLease.localHost() + ", process " + deadPid)
                && out.contains("its process " + deadPid + " on this host is gone"), out);
    }

    @Test
    void theLeaseOfAnotherHostIsTakenOverOnlyOnceItHasExpired() throws Exception {
        SweepLease.Holder remote = new SweepLease.Holder("elsewhere.example", 1, null, Instant.now(), "remote");
        leftBehind("s1", remote, Duration.ofSeconds(5));
        KnetException e = assertThrows(KnetException.class, () -> SweepLease.acquire(store(), "s1", MINUTE, log));
        assertTrue(e.getMessage().contains("host elsewhere.example, process 1"), e.getMessage());

        leftBehind("s1", remote, Duration.ofSeconds(90));
        try (SweepLease lease = SweepLease.acquire(store(), "s1", MINUTE, log)) {
            assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("not renewed for 9"), logBytes.toString());
        }
    }

    @Test
    void whenALeaseIsStale() {
        Instant now = Instant.parse("2026-11-30T05:00:00Z");
        SweepLease.Holder here = new SweepLease.Holder("h", 42, null, now.minusSeconds(600), "t");
        SweepLease.Stored fresh = new SweepLease.Stored(here, now.minusSeconds(10));
        SweepLease.Stored old = new SweepLease.Stored(here, now.minusSeconds(61));
        assertNull(SweepLease.staleReason(fresh, "h", now, MINUTE, x -> false));
        assertEquals("its process 42 on this host is gone", SweepLease.staleReason(fresh, "h", now, MINUTE, x -> true));
        // a process id on another host says nothing about this host's processes
        assertNull(SweepLease.staleReason(fresh, "other", now, MINUTE, x -> true));
        assertEquals("not renewed for 61 s", SweepLease.staleReason(old, "other", now, MINUTE, x -> false));
    }

    @Test
    void aReusedProcessIdIsNotTheHolder() {
        ProcessHandle me = ProcessHandle.current();
        Instant started = me.info().startInstant().orElseThrow();
        assertFalse(SweepLease.processGone(new SweepLease.Holder("h", me.pid(), started, Instant.now(), "t")));
        assertTrue(SweepLease.processGone(new SweepLease.Holder("h", me.pid(), started.minusSeconds(3600),
                Instant.now(), "t")));
    }
}
