package dev.trellis.bootstrap.instances;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.adapter.s3.testing.TestS3Server;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import dev.trellis.bootstrap.kafka.TestKafka;
import dev.trellis.bootstrap.relay.FaultKit;
import dev.trellis.bootstrap.relay.FaultKit.ChildApp;
import dev.trellis.bootstrap.relay.FaultKit.OutboxWriter;
import dev.trellis.bootstrap.relay.FaultKit.Tally;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.trellis.bootstrap.relay.FaultKit.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application, each in a JVM of its own with its own port and data folder, as a load
 * balancer would see them: one PostgreSQL database, one Kafka broker and one S3 bucket (S3Proxy in the test
 * JVM) shared. A file uploaded through one is downloaded and deleted through the other; the sign-in rate
 * limit trips at the same count whether the requests go to one instance or alternate; one instance relays
 * while the other stands by, and takes over when the leader is stopped, with nothing lost and no more
 * duplicates than the relay's documented bound (one batch).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a guard against a hung child, not a measure of speed
class ManyInstancesTest {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration ARRIVAL = Duration.ofMinutes(3);
    private static final int EVENTS = 1_500;

    @TempDir
    Path tempDir;

    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    @AfterEach
    void cleanUp() throws Exception {
        Exception first = null;
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Test
    void two_instances_share_files_rate_limits_and_one_relay_that_the_other_takes_over() throws Exception {
        String name = "many_instances";
        String url = sharedDatabase(name);
        TestS3Server s3 = TestS3Server.get();
        String bucket = s3.newBucket("many-instances");
        TestKafka.quietBrokerLogs();

        ChildApp a = child("instances-a", args(url, name, bucket, "a"));
        ChildApp b = child("instances-b", args(url, name, bucket, "b"));
        a.awaitStarted(STARTUP);
        b.awaitStarted(STARTUP);
        await("one instance leads, the other stands by", () -> Set.of(a.relayRole(), b.relayRole()).equals(Set.of("leader", "standby")), STARTUP);

        // Files: bytes in the shared bucket, not on the disk of the instance that took the upload.
        Browser onA = signedUp(a.port());
        Browser onB = new Browser(b.port(), AuthTestSupport.ORIGIN);
        onA.cookies().forEach(onB::cookie);
        byte[] content = "uploaded through a, read through b".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        var uploaded = onA.upload("/api/files", "shared.txt", "text/plain", content, Map.of());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String fileId = uploaded.json().get("id").asString();
        HttpResponse<byte[]> downloaded = onB.getBytes("/api/files/" + fileId + "/content");
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(content);
        assertThat(s3.keys(bucket)).as("the bytes are in the bucket").hasSize(1);
        assertThat(onB.delete("/api/files/" + fileId).status()).isEqualTo(204);
        assertThat(onA.getBytes("/api/files/" + fileId + "/content").statusCode()).isEqualTo(404);
        await("the deleted file's bytes leave the bucket", () -> s3.keys(bucket).isEmpty(), Duration.ofSeconds(30));

        // Rate limits: sign-in allows 3 per 10 s per client, counted in the database both instances share.
        // Each sequence comes from its own client address (X-Forwarded-For, as from a load balancer).
        List<Integer> toOne = signInAttempts(List.of(a, a, a, a, a), "203.0.113.1");
        List<Integer> alternating = signInAttempts(List.of(a, b, a, b, a), "203.0.113.2");
        assertThat(toOne).as("to one instance").containsExactly(401, 401, 401, 429, 429);
        assertThat(alternating).as("alternating between two").isEqualTo(toOne);

        // The relay: items written through both instances and a steady stream into the outbox while the
        // leader is stopped; the standby takes over, every event arrives.
        ChildApp leader = a.relayRole().equals("leader") ? a : b;
        ChildApp standby = leader == a ? b : a;
        Browser onStandby = leader == a ? onB : onA;
        for (int i = 0; i < 20; i++) {
            Browser through = i % 2 == 0 ? onA : onB;
            assertThat(through.post("/api/items", "{\"title\":\"item " + i + "\"}").status()).isEqualTo(201);
        }
        OutboxWriter writer = new OutboxWriter(url, 300);
        cleanup.push(writer);
        writer.writeUpTo(EVENTS * 2L / 3);
        await("the leader relays", () -> leader.relayed() >= 100, ARRIVAL);
        long stopping = System.nanoTime();
        leader.stop(Duration.ofSeconds(60));
        Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
        await("the standby leads", () -> standby.relayRole().equals("leader"), Duration.ofSeconds(60));
        Duration toLeader = Duration.ofNanos(System.nanoTime() - stopping);
        await("the standby relays", () -> standby.relayed() > 0, ARRIVAL);
        Duration toFirstEvent = Duration.ofNanos(System.nanoTime() - stopping);
        for (int i = 0; i < 20; i++) {
            assertThat(onStandby.post("/api/items", "{\"title\":\"after " + i + "\"}").status()).isEqualTo(201);
        }
        writer.writeUpTo(EVENTS).awaitWritten(EVENTS, ARRIVAL);

        Map<String, FaultKit.Expected> outbox = FaultKit.outbox(url);
        assertThat(outbox.keySet()).as("every commit the writer saw acknowledged is in the outbox").containsAll(writer.committed());
        Tally tally = FaultKit.count("two instances", TestKafka.bootstrapServers(), name, outbox, ARRIVAL);
        System.out.printf("%s; the leader stopped in %.1f s, the standby led after %.1f s and relayed its first event after %.1f s%n",
                tally, stopped.toMillis() / 1000.0, toLeader.toMillis() / 1000.0, toFirstEvent.toMillis() / 1000.0);
        assertThat(tally.lost()).as(tally + ": lost").isZero();
        assertThat(tally.outOfOrder()).as(tally + ": out of order").isZero();
        assertThat(tally.misrouted()).as(tally + ": misrouted").isZero();
        assertThat(tally.unknown()).as(tally + ": unknown").isZero();
        assertThat((long) tally.duplicates()).as(tally + ": duplicates").isLessThanOrEqualTo(FaultKit.MAX_BATCH_SIZE);
    }

    private static Browser signedUp(int port) throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Two Instances\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"password-123\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    private static List<Integer> signInAttempts(List<ChildApp> instances, String clientAddress) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (ChildApp instance : instances) {
            Browser browser = new Browser(instance.port(), AuthTestSupport.ORIGIN);
            statuses.add(browser.post("/api/auth/sign-in/email", "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}",
                    "X-Forwarded-For", clientAddress).status());
        }
        return statuses;
    }

    private List<String> args(String jdbcUrl, String name, String bucket, String instance) {
        return Stream.of(FaultKit.databaseArgs(jdbcUrl), FaultKit.relayArgs(name), List.of(
                        "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--trellis.data-dir=" + tempDir.resolve(instance),
                        "--BETTER_AUTH_URL=" + AuthTestSupport.ORIGIN,
                        "--trellis.auth.rate-limit.enabled=true",
                        "--server.forward-headers-strategy=framework"),
                        TestS3Server.get().applicationProperties(bucket).entrySet().stream()
                                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toList())
                .flatMap(List::stream).toList();
    }

    private String sharedDatabase(String name) {
        TestPostgres.freshDatabase(name);
        String url = "jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/" + name;
        cleanup.push(() -> {
            FaultKit.dropSlot(url, name);
            try (Connection connection = TestPostgres.server().getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        });
        return url;
    }

    private ChildApp child(String name, List<String> args) throws Exception {
        ChildApp child = ChildApp.launch(name, args, Map.of(
                "AWS_ACCESS_KEY_ID", TestS3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", TestS3Server.SECRET_KEY));
        cleanup.push(child);
        return child;
    }
}
