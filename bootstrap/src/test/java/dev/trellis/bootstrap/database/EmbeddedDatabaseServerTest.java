package dev.trellis.bootstrap.database;

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

/** The embedded default keeps its data: across a clean restart, and across a JVM that died without stopping it. */
class EmbeddedDatabaseServerTest {

    @TempDir
    Path dataDir;

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
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedDatabaseServer next = EmbeddedDatabaseServer.start(dataDir, port)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(query(next, "select v from kept")).isEqualTo("committed");
        }
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
