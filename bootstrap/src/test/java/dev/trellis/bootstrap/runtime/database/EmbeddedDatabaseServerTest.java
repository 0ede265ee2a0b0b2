package dev.trellis.bootstrap.runtime.database;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default keeps its data: across a clean restart, and across a JVM that died without
 * stopping it. A second process on a folder in use attaches to the running server and leaves it running.
 */
class EmbeddedDatabaseServerTest {

    @TempDir
    Path trellisDir;
    Path dataDir;

    @BeforeEach
    void dataFolderAsTheApplicationLaysItOut() {
        dataDir = trellisDir.resolve("postgres"); // the owner lock goes next to it: <trellisDir>/postgres.owner.lock
    }

    @Test
    void runs_durably_and_keeps_data_across_restarts() throws Exception {
        int port = freePort();
        try (EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(dataDir, port)) {
            assertThat(setting(server, "fsync")).isEqualTo("on");
            assertThat(setting(server, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(server, "wal_level")).isEqualTo("logical");
            assertThat(Integer.parseInt(setting(server, "server_version_num"))).isGreaterThanOrEqualTo(160000);
            execute(server, "create table kept (v text)", "insert into kept values ('survives')");
        }

        try (EmbeddedDatabaseServer again = EmbeddedDatabaseServer.start(dataDir, port)) {
            assertThat(query(again, "select v from kept")).isEqualTo("survives");
        }
    }

    @Test
    void a_server_orphaned_by_a_killed_jvm_is_stopped_and_its_committed_data_kept() throws Exception {
        int port = freePort();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedServerMain.class.getName(),
                dataDir.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals("READY"));
            assertThat(line).as("the child JVM started its server").isEqualTo("READY");
        }
        child.destroyForcibly().waitFor(); // kill -9: the JVM dies, its postmaster does not
        long orphanPid = postmasterPid();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedDatabaseServer next = EmbeddedDatabaseServer.start(dataDir, port)) {
            assertThat(next.ownsServer()).isTrue();
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(query(next, "select v from kept")).isEqualTo("committed");
        }
    }

    @Test
    void a_second_start_on_a_folder_in_use_attaches_and_leaves_the_server_running_when_it_closes() throws Exception {
        int port = freePort();
        try (EmbeddedDatabaseServer owner = EmbeddedDatabaseServer.start(dataDir, port)) {
            execute(owner, "create table kept (v text)", "insert into kept values ('shared')");
            long postmaster = postmasterPid();

            try (EmbeddedDatabaseServer second = EmbeddedDatabaseServer.start(dataDir, freePort())) {
                assertThat(second.ownsServer()).isFalse();
                assertThat(second.port()).as("the running server's port, from postmaster.pid").isEqualTo(port);
                assertThat(query(second, "select v from kept")).isEqualTo("shared");
            }

            assertThat(owner.ownsServer()).isTrue();
            assertThat(postmasterPid()).isEqualTo(postmaster);
            assertThat(query(owner, "select v from kept")).isEqualTo("shared");
        }
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("the owner stopped its server").isFalse();
    }

    @Test
    void a_process_that_finds_the_folder_owned_by_a_live_process_attaches_instead_of_stopping_its_server() throws Exception {
        int port = freePort();
        Process child = startOwnerInChildJvm(port);
        try {
            long postmaster = postmasterPid();

            try (EmbeddedDatabaseServer attached = EmbeddedDatabaseServer.start(dataDir, freePort())) {
                assertThat(attached.ownsServer()).isFalse();
                assertThat(attached.port()).isEqualTo(port);
                assertThat(query(attached, "select v from kept")).isEqualTo("committed");
            }

            assertThat(child.isAlive()).isTrue();
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
            assertThat(postmasterPid()).isEqualTo(postmaster);
        } finally {
            child.destroyForcibly().waitFor();
            // the child's postmaster is an orphan now: the next owner stops it, and so cleans up
            EmbeddedDatabaseServer.start(dataDir, port).close();
        }
    }

    private Process startOwnerInChildJvm(int port) throws IOException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedServerMain.class.getName(),
                dataDir.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        var output = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
        String line;
        do {
            line = output.readLine();
        } while (line != null && !line.equals("READY"));
        assertThat(line).as("the child JVM started its server").isEqualTo("READY");
        // keep draining the child's output so that it never blocks on a full pipe
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "child-output");
        drain.setDaemon(true);
        drain.start();
        return child;
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    private static String setting(EmbeddedDatabaseServer server, String name) throws SQLException {
        return query(server, "show " + name);
    }

    private static String query(EmbeddedDatabaseServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedDatabaseServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(EmbeddedDatabaseServer server, String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedDatabaseServer.USER, "");
             Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
