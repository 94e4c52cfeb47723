package org.knetsweep.results;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.knetsweep.KnetException;

/**
 * One driver per sweep: the lease {@code ROOT/_leases/SWEEP_ID.lease} names the driver that runs the sweep (host,
 * process id and start, since when) and is renewed by a daemon thread while it runs. A second driver of the sweep is
 * refused while the lease is live. A lease whose holder is gone is taken over: at once when the holder ran on this
 * host and its process no longer exists, otherwise once the lease file has gone unrenewed for the timeout.
 *
 * <p>Every write is a whole small file written aside and renamed over the lease, through the Hadoop FileSystem of the
 * results root. Two drivers that start at the same moment both write; each then waits {@link #SETTLE} and reads the
 * lease back, and only the one whose lease is there goes on (docs/failures.md).
 */
public final class SweepLease implements AutoCloseable {
    /** The folder of the leases under the results root (an underscore name: table readers skip it). */
    public static final String DIR = "_leases";
    /** How long a new holder waits before it reads its lease back (a concurrent writer's rename lands first). */
    static final Duration SETTLE = Duration.ofMillis(300);

    /** Who holds (or held) a lease. {@code processStart} tells a reused process id from the holder's. */
    public record Holder(String host, long pid, Instant processStart, Instant since, String token) {
        /** "host H, process P, since T", for messages. */
        public String describe() {
            return "host " + host + ", process " + pid + ", since " + since.truncatedTo(ChronoUnit.SECONDS);
        }

        /** This JVM as a new holder. */
        static Holder self(Instant now) {
            ProcessHandle me = ProcessHandle.current();
            return new Holder(localHost(), me.pid(), me.info().startInstant().orElse(null), now,
                    UUID.randomUUID().toString());
        }

        String text() {
            Properties p = new Properties();
            p.setProperty("host", host);
            p.setProperty("pid", String.valueOf(pid));
            if (processStart != null) p.setProperty("process-start", processStart.toString());
            p.setProperty("since", since.toString());
            p.setProperty("token", token);
            StringWriter w = new StringWriter();
            try {
                p.store(w, "knet-sweep driver lease: the driver that runs this sweep");
            } catch (IOException e) {
                throw new IllegalStateException(e); // a StringWriter does not fail
            }
            return w.toString();
        }

        static Holder parse(String text) throws IOException {
            Properties p = new Properties();
            p.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
            try {
                String start = p.getProperty("process-start");
                return new Holder(p.getProperty("host", "?"), Long.parseLong(p.getProperty("pid", "-1")),
                        start == null ? null : Instant.parse(start), Instant.parse(p.getProperty("since")),
                        p.getProperty("token", ""));
            } catch (RuntimeException e) {
                throw new IOException("not a lease file: " + e.getMessage(), e);
            }
        }
    }

    /** A lease as read: its holder and when the file was last written (the file system's clock). */
    record Stored(Holder holder, Instant renewed) {
    }

    private final FileSystem fs;
    private final Path path;
    private final Holder self;
    private final Duration timeout;
    private final PrintStream log;
    private final Thread renewer;
    private volatile boolean lost;

    private SweepLease(FileSystem fs, Path path, Holder self, Duration timeout, PrintStream log) {
        this.fs = fs;
        this.path = path;
        this.self = self;
        this.timeout = timeout;
        this.log = log;
        this.renewer = new Thread(this::renewLoop, "knet-lease " + path.getName());
        renewer.setDaemon(true);
    }

    /**
     * Takes the lease of {@code sweepId} under the store's root, or throws a {@link KnetException} naming the
     * driver that holds it; renews it every third of {@code timeout} until {@link #close()}.
     *
     * @param log where the holder of a taken-over lease is told, and a lost lease warned about
     */
    public static SweepLease acquire(ResultStore store, String sweepId, Duration timeout, PrintStream log) {
        Path path = new Path(store.root() + "/" + DIR + "/" + ResultLayout.escape(sweepId) + ".lease");
        SweepLease lease;
        try {
            lease = new SweepLease(path.getFileSystem(store.conf()), path, Holder.self(Instant.now()), timeout, log);
        } catch (IOException e) {
            throw new KnetException("cannot open the results root " + store.root() + " for the sweep's lease: "
                    + e.getMessage(), e);
        }
        lease.take(sweepId);
        lease.renewer.start();
        return lease;
    }

    /** The holder of this lease (this driver). */
    public Holder holder() {
        return self;
    }

    /** The lease file. */
    public String path() {
        return path.toString();
    }

    private void take(String sweepId) {
        try {
            Optional<Stored> current = read();
            if (current.isPresent()) {
                String stale = staleReason(current.get(), localHost(), Instant.now(), timeout, SweepLease::processGone);
                if (stale == null) throw refused(sweepId, current.get());
                log.println("sweep " + sweepId + ": taking over the lease of " + current.get().holder().describe()
                        + " (" + stale + ")");
            }
            write();
            Thread.sleep(SETTLE.toMillis());
            Optional<Stored> after = read();
            if (after.isEmpty() || !after.get().holder().token().equals(self.token())) {
                throw after.map(s -> refused(sweepId, s)).orElseGet(() -> new KnetException("sweep " + sweepId
                        + ": the lease " + path + " vanished while this driver took it; another driver may be starting"));
            }
        } catch (IOException e) {
            throw new KnetException("cannot take the lease " + path + " of sweep " + sweepId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KnetException("interrupted while taking the lease of sweep " + sweepId);
        }
    }

    private KnetException refused(String sweepId, Stored s) {
        long ago = Math.max(0, Duration.between(s.renewed(), Instant.now()).toSeconds());
        return new KnetException("sweep " + sweepId + " is already being run by another driver (" + s.holder().describe()
                + "; lease " + path + " renewed " + ago + " s ago); wait for it to end, or, if it is dead, for the "
                + "lease to expire (knet.sweep.lease-timeout = " + timeout.toSeconds() + " s)");
    }

    /**
     * Why a stored lease may be taken over, or null while its holder must be presumed alive: its holder ran on
     * {@code thisHost} and its process is gone, or the lease has not been renewed for {@code timeout}.
     */
    static String staleReason(Stored s, String thisHost, Instant now, Duration timeout,
                              java.util.function.Predicate<Holder> processGone) {
        if (s.holder().host().equals(thisHost) && processGone.test(s.holder()))
            return "its process " + s.holder().pid() + " on this host is gone";
        Duration age = Duration.between(s.renewed(), now);
        if (age.compareTo(timeout) > 0) return "not renewed for " + age.toSeconds() + " s";
        return null;
    }

    /** True when no process of the holder's id runs here, or one does that started at another time (a reused id). */
    static boolean processGone(Holder h) {
        Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
        if (p.isEmpty() || !p.get().isAlive()) return true;
        Optional<Instant> start = p.get().info().startInstant();
        return h.processStart() != null && start.isPresent()
                && Duration.between(start.get(), h.processStart()).abs().compareTo(Duration.ofSeconds(2)) > 0;
    }

    private Optional<Stored> read() throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
        Instant renewed = Instant.ofEpochMilli(status.getModificationTime());
        try (InputStream in = fs.open(path)) {
            return Optional.of(new Stored(Holder.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)),
                    renewed));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty(); // released in between
        } catch (IOException e) { // unreadable: anonymous, expires like any other
            return Optional.of(new Stored(new Holder("?", -1, null, renewed, ""), renewed));
        }
    }

    /** Writes this driver's lease: a file beside it, renamed over it. */
    private void write() throws IOException {
        Path tmp = new Path(path.getParent(), "." + path.getName() + "." + UUID.randomUUID() + ".tmp");
        fs.mkdirs(path.getParent());
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(self.text().getBytes(StandardCharsets.ISO_8859_1));
        }
        for (int attempt = 1; ; attempt++) {
            if (fs.rename(tmp, path)) return; // replaces the lease on a local disk; fails on HDFS while it exists
            if (fs.exists(path)) fs.delete(path, false);
            if (attempt == 3) {
                fs.delete(tmp, false);
                throw new IOException("rename of " + tmp + " to " + path + " failed 3 times");
            }
        }
    }

    private void renewLoop() {
        long every = Math.max(100, timeout.toMillis() / 3);
        while (!lost) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return; // closed
            }
            try {
                Optional<Stored> s = read();
                if (s.isPresent() && !s.get().holder().token().equals(self.token())) {
                    lost = true;
                    log.println("knet: warning: the lease " + path + " was taken over by "
                            + s.get().holder().describe() + "; this driver no longer holds its sweep");
                    return;
                }
                write();
            } catch (IOException | RuntimeException e) {
                log.println("knet: warning: could not renew the lease " + path + ": " + e.getMessage());
            }
        }
    }

    /** True when another driver took the lease over (this one stalled past the timeout). */
    public boolean lost() {
        return lost;
    }

    /** Stops renewing and deletes the lease if it is still this driver's. */
    @Override
    public void close() {
        renewer.interrupt();
        try {
            renewer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Optional<Stored> s = read();
            if (s.isPresent() && s.get().holder().token().equals(self.token())) {
                fs.delete(path, false);
                EmptyFolders.delete(fs, path.getParent()); // no empty _leases left behind; another lease keeps it
            }
        } catch (IOException e) {
            log.println("knet: warning: could not release the lease " + path + ": " + e.getMessage());
        }
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
