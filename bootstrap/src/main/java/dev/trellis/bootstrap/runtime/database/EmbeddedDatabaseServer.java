package dev.trellis.bootstrap.runtime.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A real PostgreSQL server run from the binaries on the class path, keeping its data in a folder
 * that survives restarts and crashes: fsync and synchronous commit on (the library's test default
 * turns fsync off), logical decoding on for the outbox relay.
 *
 * <p>One process owns the server of a folder: the one holding an exclusive lock on
 * {@code <folder>.owner.lock} (next to the folder, e.g. {@code ~/.trellis/postgres.owner.lock}) for
 * as long as it runs. Another process on the same folder (a {@code seed} or {@code snapshot} command
 * next to the running application) cannot take the lock and attaches instead: it connects to the
 * live server (port from {@code postmaster.pid}) and leaves it running when it closes. The owner
 * treats a live postmaster on the folder as orphaned by a killed JVM (the lock dies with its holder,
 * the postmaster does not) and shuts it down cleanly before starting its own.
 */
public final class EmbeddedDatabaseServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);
    public static final String DATABASE = "trellis";
    public static final String USER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres; // null when attached
    private final OwnerLock ownerLock;       // null when attached
    private final Path dataDirectory;
    private final int port;

    private EmbeddedDatabaseServer(EmbeddedPostgres postgres, OwnerLock ownerLock, Path dataDirectory, int port) {
        this.postgres = postgres;
        this.ownerLock = ownerLock;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Starts the server on {@code dataDirectory} and {@code port}, or, when another process (or another
     * start in this JVM) owns the folder, attaches to the server it runs.
     */
    public static EmbeddedDatabaseServer start(Path dataDirectory, int port) {
        Optional<OwnerLock> lock;
        try {
            Files.createDirectories(dataDirectory);
            lock = OwnerLock.tryAcquire(ownerLockFile(dataDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the data folder " + dataDirectory + ": " + e.getMessage(), e);
        }
        if (lock.isEmpty()) {
            return attach(dataDirectory, port);
        }
        try {
            return startOwned(dataDirectory, port, lock.get());
        } catch (RuntimeException | Error e) {
            lock.get().release();
            throw e;
        }
    }

    /** The lock file that marks the owner of the server on {@code dataDirectory}. */
    static Path ownerLockFile(Path dataDirectory) {
        Path absolute = dataDirectory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".owner.lock");
    }

    private static EmbeddedDatabaseServer startOwned(Path dataDirectory, int port, OwnerLock lock) {
        try {
            stopOrphanedServer(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    // passed after the library's "-F" (fsync off), so these win
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("max_connections", "100")
                    .start();
            EmbeddedDatabaseServer server = new EmbeddedDatabaseServer(postgres, lock, dataDirectory, postgres.getPort());
            try {
                server.createDatabaseIfMissing();
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
            log.info("Embedded PostgreSQL on port {} with data in {} (fsync on); psql: psql -h localhost -p {} -U {} {}",
                    port, dataDirectory, port, USER, DATABASE);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDirectory + ": " + e.getMessage()
                    + " (as root it needs user namespaces: check `unshare -U true`)", e);
        }
    }

    /**
     * The folder's server belongs to another process, which may still be starting it: wait until its
     * database answers on the port {@code postmaster.pid} names (else the configured one).
     */
    private static EmbeddedDatabaseServer attach(Path dataDirectory, int configuredPort) {
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (true) {
            int port = postmasterPort(dataDirectory).orElse(configuredPort);
            try (Connection ignored = connect(port)) {
                log.info("Embedded PostgreSQL on {} is already running, owned by {}: using it on port {} and leaving it running",
                        dataDirectory, OwnerLock.ownerOf(ownerLockFile(dataDirectory)), port);
                return new EmbeddedDatabaseServer(null, null, dataDirectory, port);
            } catch (SQLException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("The embedded PostgreSQL on " + dataDirectory + " belongs to "
                            + OwnerLock.ownerOf(ownerLockFile(dataDirectory)) + ", but its database did not answer on port "
                            + port + " within " + STARTUP_WAIT.toSeconds() + " s: " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL on " + dataDirectory, e);
            }
        }
    }

    private static Connection connect(int port) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(port), properties);
    }

    /** The 4th line of {@code postmaster.pid} is the port the running server listens on. */
    private static Optional<Integer> postmasterPort(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.size() < 4 ? Optional.empty() : Optional.of(Integer.parseInt(lines.get(3).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** True when this process runs the server (and stops it on close); false when it attached to another's. */
    public boolean ownsServer() {
        return postgres != null;
    }

    /** Stops the server when this process owns it; an attached process leaves it running. */
    @Override
    public void close() throws IOException {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } finally {
            ownerLock.release();
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database '" + DATABASE + "' in the embedded server", e);
        }
    }

    /**
     * After {@code kill -9} of the JVM the postmaster keeps running on the folder; ask it for a fast
     * shutdown (SIGINT: in-flight transactions roll back, committed ones are on disk) and wait. Only
     * the holder of the owner lock calls this: a postmaster is orphaned when nobody holds the lock.
     */
    static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(true));
        if (postmaster.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself checks and replaces it
        }
        ProcessHandle process = postmaster.get();
        log.warn("Stopping an orphaned PostgreSQL (pid {}) left running on {} by an earlier run", process.pid(), dataDirectory);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            if (process.isAlive()) {
                process.destroy();
            }
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * An exclusive lock on the owner file, held for the owner's lifetime; the operating system drops it
     * when the process dies, however it dies. POSIX locks belong to the process, and closing any channel
     * on the file releases them all, so this JVM never opens a second channel on a lock it holds: it
     * remembers which it holds instead.
     */
    private static final class OwnerLock {

        private static final Set<Path> HELD_HERE = new HashSet<>();

        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private OwnerLock(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        static Optional<OwnerLock> tryAcquire(Path file) throws IOException {
            Path key = file.getParent().toRealPath().resolve(file.getFileName());
            synchronized (HELD_HERE) {
                if (HELD_HERE.contains(key)) {
                    return Optional.empty();
                }
                FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                    if (lock != null) {
                        // who owns it, for the log of a process that attaches
                        channel.truncate(0);
                        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                    }
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                HELD_HERE.add(key);
                return Optional.of(new OwnerLock(key, channel, lock));
            }
        }

        /** "process 1234" as the owner wrote it, or "this process"; never opens a lock file this JVM holds. */
        static String ownerOf(Path file) {
            try {
                Path key = file.getParent().toRealPath().resolve(file.getFileName());
                synchronized (HELD_HERE) { // no lock of this JVM's may be taken while the file is open
                    if (HELD_HERE.contains(key)) {
                        return "this process";
                    }
                    String pid = Files.readString(key, StandardCharsets.US_ASCII).strip();
                    return pid.isEmpty() ? "an unknown process" : "process " + pid;
                }
            } catch (IOException e) {
                return "an unknown process";
            }
        }

        void release() {
            synchronized (HELD_HERE) {
                try {
                    lock.release();
                    channel.close();
                } catch (IOException e) {
                    log.warn("Could not release {}: {}", file, e.getMessage());
                } finally {
                    HELD_HERE.remove(file);
                }
            }
        }
    }
}
