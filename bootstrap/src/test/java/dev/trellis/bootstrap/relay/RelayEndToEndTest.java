package dev.trellis.bootstrap.relay;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.bootstrap.Http;
import dev.trellis.bootstrap.TraceParents;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import dev.trellis.bootstrap.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way: an HTTP request changes an item, its outbox row is decoded from the WAL and
 * arrives on Kafka with the right topic, key, CloudEvents headers (the request's trace context
 * included) and payload. Real PostgreSQL with logical decoding, a real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.enabled=false",
        "trellis.relay.enabled=true",
        "trellis.relay.slot-name=relay_e2e",
        "trellis.relay.publication-name=relay_e2e",
        "trellis.relay.topic-prefix=e2e",
        "trellis.relay.source=/trellis-e2e",
        "management.endpoints.web.exposure.include=health,metrics"})
public class RelayEndToEndTest {

    static final String DATABASE = "relay_e2e";
    static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @DynamicPropertySource
    static void ownDatabaseAndBroker(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_request_becomes_a_cloud_event_on_the_aggregates_topic() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var signUp = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Relay User\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"password-123\"}");
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(200);
        String userId = signUp.json().get("user").get("id").asString();
        var created = browser.post("/api/items", "{\"title\":\"On Kafka\",\"status\":\"draft\"}", "traceparent", TRACE);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String itemId = created.json().get("id").asString();

        try (KafkaConsumer<String, String> consumer = consumer("e2e.item", "e2e.user")) {
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            ConsumerRecord<String, String> item = awaitRecord(consumer, received, r -> r.key().equals(itemId));
            ConsumerRecord<String, String> user = awaitRecord(consumer, received, r -> r.key().equals(userId));

            String eventId = jdbc.sql("select id from outbox where aggregate_id = ? and event_type = 'item.created'")
                    .param(itemId).query(String.class).single();
            assertThat(item.topic()).isEqualTo("e2e.item");
            assertThat(item.value()).isEqualTo(jdbc.sql("select payload::text from outbox where id = ?").param(eventId).query(String.class).single());
            assertThat(item.value()).contains("\"title\": \"On Kafka\"").contains("\"ownerId\": \"" + userId + "\"").contains("\"version\": 1");
            assertThat(header(item, "ce_id")).isEqualTo(eventId);
            assertThat(header(item, "ce_type")).isEqualTo("dev.trellis.item.created");
            assertThat(header(item, "ce_source")).isEqualTo("/trellis-e2e");
            assertThat(header(item, "ce_subject")).isEqualTo(itemId);
            assertThat(header(item, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(item, "ce_schemaversion")).isEqualTo("1");
            assertThat(header(item, "content-type")).isEqualTo("application/json");
            TraceParents.assertContinues(header(item, "ce_traceparent"), TRACE);
            assertThat(header(item, "ce_time")).isNotBlank();

            assertThat(user.topic()).isEqualTo("e2e.user");
            assertThat(header(user, "ce_type")).isEqualTo("dev.trellis.user.created");
            assertThat(header(user, "ce_traceparent")).as("written by a trigger: no trace to continue").isNull();
        }

        var health = Http.get(port, "/actuator/health");
        assertThat(health.body()).contains("\"relay\":{").contains("\"role\":\"leader\"").contains("\"streaming\":true");
        var relayed = Http.get(port, "/actuator/metrics/trellis.relay.events.relayed");
        assertThat(relayed.statusCode()).isEqualTo(200);
        assertThat(relayed.body()).contains("\"statistic\":\"COUNT\"");
        assertThat(Http.get(port, "/actuator/metrics/trellis.relay.latency").statusCode()).isEqualTo(200);
    }

    public static KafkaConsumer<String, String> consumer(String... topics) {
        return consumerOn(TestKafka.bootstrapServers(), topics);
    }

    /** Every partition of the relay's topics (3 each) from the beginning; no consumer group. */
    public static KafkaConsumer<String, String> consumerOn(String bootstrapServers, String... topics) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "enable.auto.commit", "false",
                "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    public static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> received,
                                                      Predicate<ConsumerRecord<String, String>> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var found = received.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
        }
        throw new AssertionError("no such record within 60 s; received " + received.size());
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
