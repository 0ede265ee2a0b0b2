package dev.trellis.bootstrap.metrics;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.bootstrap.Http;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import dev.trellis.bootstrap.kafka.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus scrapes the running application: after a sign-up, a sign-in, a failed one, a 429, an item relayed to
 * Kafka and a file uploaded, {@code /actuator/prometheus} carries the relay's, HTTP's, Hikari's, the JVM's, the
 * process's, the auth flows' and the files' meters with the right types; and every metric the Grafana dashboard
 * and the alert rules name is one of them ({@link OpsFiles}). Real PostgreSQL with logical decoding, a real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.relay.enabled=true",
        "trellis.relay.slot-name=metrics_scrape",
        "trellis.relay.publication-name=metrics_scrape",
        "trellis.relay.topic-prefix=metrics",
        "trellis.files.metrics-refresh=0s"})
class PrometheusScrapeTest {

    static final String DATABASE = "metrics_scrape";

    @DynamicPropertySource
    static void ownDatabaseAndBroker(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("trellis.files.dir", () -> System.getProperty("java.io.tmpdir") + "/trellis-metrics-files-" + System.nanoTime());
    }

    @LocalServerPort
    int port;

    @Test
    void the_scrape_carries_every_meter_an_operator_watches_with_its_type() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        assertThat(browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Metrics\",\"email\":\"" + email + "\",\"password\":\"password-123\"}").status()).isEqualTo(200);
        assertThat(browser.post("/api/items", "{\"title\":\"Counted\",\"status\":\"draft\"}").status()).isEqualTo(201);
        byte[] file = "twelve bytes".getBytes();
        assertThat(browser.upload("/api/files", "a.txt", "text/plain", file, Map.of()).status()).isEqualTo(201);

        Browser other = new Browser(port, AuthTestSupport.ORIGIN);
        String signIn = "{\"email\":\"" + email + "\",\"password\":\"password-123\"}";
        String wrong = "{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}";
        assertThat(other.post("/api/auth/sign-in/email", signIn).status()).isEqualTo(200);
        assertThat(other.post("/api/auth/sign-in/email", wrong).status()).isEqualTo(401);
        assertThat(other.post("/api/auth/sign-in/email", wrong).status()).isEqualTo(401);
        assertThat(other.post("/api/auth/sign-in/email", wrong).status()).isEqualTo(429);

        // events in the outbox before the slot streams are read by its initial snapshot, without a commit time:
        // once those are relayed, one more change is streamed and timed from its commit
        scrapeWhen(relayed -> relayed.value("trellis_relay_events_relayed_total") >= 2);
        assertThat(browser.post("/api/items", "{\"title\":\"Streamed\",\"status\":\"draft\"}").status()).isEqualTo(201);
        // jvm.gc.pause is registered at the first collection this context sees: one is asked for, not waited for
        System.gc();
        Scrape scrape = scrapeWhen(streamed -> streamed.value("trellis_relay_latency_seconds_count") >= 1
                && streamed.hasMetric("jvm_gc_pause_seconds_count"));

        assertThat(scrape.type("trellis_relay_events_relayed_total")).isEqualTo("counter");
        assertThat(scrape.value("trellis_relay_events_relayed_total")).isGreaterThanOrEqualTo(3); // the user, two items
        assertThat(scrape.type("trellis_relay_send_failures_total")).isEqualTo("counter");
        assertThat(scrape.type("trellis_relay_events_parked_total")).isEqualTo("counter");
        assertThat(scrape.type("trellis_relay_slot_lag_bytes")).isEqualTo("gauge");
        assertThat(scrape.type("trellis_relay_leader")).isEqualTo("gauge");
        assertThat(scrape.value("trellis_relay_leader")).isEqualTo(1);
        assertThat(scrape.type("trellis_relay_slots_abandoned")).isEqualTo("gauge");
        assertThat(scrape.type("trellis_relay_slots_abandoned_retained_bytes")).isEqualTo("gauge");
        assertThat(scrape.type("trellis_relay_latency_seconds")).isEqualTo("histogram");
        assertThat(scrape.value("trellis_relay_latency_seconds_bucket{le=\"+Inf\"}"))
                .isEqualTo(scrape.value("trellis_relay_latency_seconds_count")).isGreaterThanOrEqualTo(1);

        assertThat(scrape.type("http_server_requests_seconds")).isEqualTo("histogram");
        assertThat(scrape.has("http_server_requests_seconds_bucket{error=\"none\",exception=\"none\",method=\"POST\","
                + "outcome=\"SUCCESS\",status=\"201\",uri=\"/api/items\",le=\"+Inf\"}")).isTrue();
        assertThat(scrape.type("hikaricp_connections")).isEqualTo("gauge");
        assertThat(scrape.type("hikaricp_connections_acquire_seconds")).isIn("summary", "histogram");
        assertThat(scrape.type("jvm_memory_used_bytes")).isEqualTo("gauge");
        assertThat(scrape.type("jvm_gc_pause_seconds")).isIn("summary", "histogram");
        assertThat(scrape.type("jvm_threads_live_threads")).isEqualTo("gauge");
        assertThat(scrape.type("process_cpu_usage")).isEqualTo("gauge");
        assertThat(scrape.type("process_uptime_seconds")).isEqualTo("gauge");

        assertThat(scrape.type("trellis_auth_sign_ins_total")).isEqualTo("counter");
        assertThat(scrape.value("trellis_auth_sign_ins_total{method=\"email\"}")).isEqualTo(1);
        assertThat(scrape.type("trellis_auth_sign_in_failures_total")).isEqualTo("counter");
        assertThat(scrape.value("trellis_auth_sign_in_failures_total{method=\"email\"}")).isEqualTo(2);
        assertThat(scrape.type("trellis_auth_rate_limited_total")).isEqualTo("counter");
        assertThat(scrape.value("trellis_auth_rate_limited_total{rule=\"/api/auth/sign-in\"}")).isEqualTo(1);

        assertThat(scrape.type("trellis_files_stored")).isEqualTo("gauge");
        assertThat(scrape.value("trellis_files_stored")).isEqualTo(1);
        assertThat(scrape.type("trellis_files_stored_bytes")).isEqualTo("gauge");
        assertThat(scrape.value("trellis_files_stored_bytes")).isEqualTo(file.length);

        OpsFiles.dashboardMetrics().forEach(metric ->
                assertThat(scrape.hasMetric(metric)).as("the dashboard's %s is in the scrape", metric).isTrue());
        OpsFiles.alertMetrics().stream().filter(metric -> !OpsFiles.isProjectionMetric(metric)).forEach(metric ->
                assertThat(scrape.hasMetric(metric)).as("the alert rules' %s is in the scrape", metric).isTrue());
    }

    private Scrape scrapeWhen(Predicate<Scrape> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            var response = Http.get(port, "/actuator/prometheus");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            Scrape scrape = Scrape.parse(response.body());
            Files.writeString(Path.of("target", "prometheus-scrape.txt"), response.body());
            if (scrape.has("trellis_relay_latency_seconds_count") && condition.test(scrape) || Instant.now().isAfter(deadline)) {
                return scrape;
            }
            Thread.sleep(200);
        }
    }
}
