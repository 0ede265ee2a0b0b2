package dev.trellis.bootstrap;

import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's commands next to the running application on the embedded database (same data folder):
 * {@code seed} in the same JVM and {@code snapshot} in a JVM of its own attach to the application's
 * PostgreSQL and leave it running; the application keeps serving from the same server.
 */
class CommandsBesideTheRunningApplicationTest {

    @TempDir
    Path dataDir;

    @Test
    void seed_and_snapshot_attach_to_the_running_applications_database_and_leave_it_serving() throws Exception {
        String[] app = {"--trellis.data-dir=" + dataDir, "--trellis.embedded-database.port=" + freePort(), "--server.port=0"};
        // another configured port: the commands must find the running server through postmaster.pid
        String[] beside = {"--trellis.data-dir=" + dataDir, "--trellis.embedded-database.port=" + freePort()};

        try (ConfigurableApplicationContext running = SpringApplication.run(TrellisApplication.class, app)) {
            EmbeddedDatabaseServer server = running.getBean(EmbeddedDatabaseServer.class);
            assertThat(server.ownsServer()).isTrue();
            long postmaster = postmasterPid();
            JdbcClient jdbc = running.getBean(JdbcClient.class);

            TrellisApplication.main(concat(new String[]{"seed"}, beside));
            assertServing(running, jdbc);
            assertThat(postmasterPid()).isEqualTo(postmaster);

            Run unknownUser = runInOwnJvm(concat(new String[]{"snapshot", "--user=usr_nobody000000"}, beside));
            Run snapshot = runInOwnJvm(concat(new String[]{"snapshot"}, beside));

            assertThat(unknownUser.status()).as(unknownUser.output()).isEqualTo(2);
            assertThat(unknownUser.output()).contains("Snapshot: no user usr_nobody000000; nothing was written");
            assertThat(snapshot.status()).as(snapshot.output()).isZero();
            assertThat(snapshot.output()).contains("already running, owned by process " + ProcessHandle.current().pid())
                    .contains("Snapshot: 1 user, 2 items, 3 tags, 0 files → 6 events in the outbox; the relay publishes them");
            assertServing(running, jdbc);
            assertThat(postmasterPid()).isEqualTo(postmaster);
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
            assertThat(jdbc.sql("select count(*) from outbox where event_type like '%.snapshot'").query(Long.class).single()).isEqualTo(6);
        }
    }

    private static void assertServing(ConfigurableApplicationContext running, JdbcClient jdbc) throws Exception {
        var health = Http.get(((WebServerApplicationContext) running).getWebServer().getPort(), "/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from \"user\" where email = 'demo@example.com'").query(Long.class).single()).isEqualTo(1);
    }

    record Run(int status, String output) {
    }

    /** {@code java -cp <the test class path> TrellisApplication <args>}, as {@code java -jar trellis-app.jar <args>}. */
    private static Run runInOwnJvm(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrellisApplication.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
