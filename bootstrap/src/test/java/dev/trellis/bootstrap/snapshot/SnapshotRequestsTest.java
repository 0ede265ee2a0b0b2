package dev.trellis.bootstrap.snapshot;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.kafka.TestKafka;
import dev.trellis.bootstrap.relay.FaultKit;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer that found a gap asks for a snapshot on {@code <prefix>.snapshot-requests}; the running
 * application snapshots that user's share once, however many ask, and drops requests it cannot read.
 * Real broker, real PostgreSQL, the whole application with its relay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "trellis.demo-data=true",
        "trellis.relay.enabled=true",
        "trellis.relay.slot-name=snapshot_requests",
        "trellis.relay.publication-name=snapshot_requests",
        "trellis.relay.topic-prefix=requests",
        "trellis.snapshot-requests.window=200ms",
        "trellis.snapshot-requests.cooldown=30s"})
class SnapshotRequestsTest {

    static final String DATABASE = "snapshot_requests";

    @DynamicPropertySource
    static void ownDatabaseAndBroker(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void requests_for_one_user_become_one_snapshot_of_their_share_and_unreadable_ones_are_dropped() throws Exception {
        String demo = jdbc.sql("select id from \"user\" where email = 'demo@example.com'").query(String.class).single();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("requests.snapshot-requests", "x", "not json")).get();
            producer.send(new ProducerRecord<>("requests.snapshot-requests", "usr_1", "{\"userId\":\"no such id!\"}")).get();
            for (int i = 0; i < 3; i++) { // three consumers found the same gap
                producer.send(new ProducerRecord<>("requests.snapshot-requests", demo,
                        "{\"userId\":\"" + demo + "\",\"aggregate\":\"item:itm_aaaaaaaaaaaa\",\"reason\":\"gap\"}")).get();
            }
        }

        FaultKit.await("the demo user's snapshot in the outbox",
                () -> snapshotEvents(demo) > 0, Duration.ofSeconds(60));
        Thread.sleep(1000); // would a second snapshot follow? the cooldown says no
        assertThat(jdbc.sql("select count(*) from outbox where event_type = 'user.snapshot' and aggregate_id = ?")
                .param(demo).query(Long.class).single()).isEqualTo(1);
        assertThat(snapshotEvents(demo)).as("the user, their 2 items, the 3 tags they created").isEqualTo(6);
        assertThat(meters.counter("trellis.snapshot.requests", "outcome", "refused").count()).isEqualTo(2);
        assertThat(meters.counter("trellis.snapshot.requests", "outcome", "snapshot").count()).isEqualTo(1);
    }

    private long snapshotEvents(String userId) {
        return jdbc.sql("""
                        select count(*) from outbox where event_type like '%.snapshot'
                        and (aggregate_id = :user or payload ->> 'ownerId' = :user or payload ->> 'createdBy' = :user)""")
                .param("user", userId).query(Long.class).single();
    }
}
