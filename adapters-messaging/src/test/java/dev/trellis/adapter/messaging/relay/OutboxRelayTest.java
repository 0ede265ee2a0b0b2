package dev.trellis.adapter.messaging.relay;

import dev.trellis.adapter.messaging.relay.postgres.LogicalReplication;
import dev.trellis.application.relay.ParkedEvent;
import dev.trellis.application.relay.ReplayParkedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.trellis.adapter.messaging.relay.RelayTestKit.await;
import static dev.trellis.adapter.messaging.relay.RelayTestKit.header;
import static dev.trellis.adapter.messaging.relay.RelayTestKit.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The relay on a real PostgreSQL (logical decoding) and a real Kafka broker. */
class OutboxRelayTest {

    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void publishes_each_outbox_row_as_a_cloud_event_keyed_by_its_aggregate() throws Exception {
        try (RelayTestKit kit = new RelayTestKit(Map.of())) {
            // written before the relay ever ran: the first start publishes it too
            String before = kit.append("item", "itm_000000000001", "item.created", "\"title\": \"Before\"", TRACE);
            OutboxRelay relay = kit.relay();
            relay.start();
            var consumer = kit.consumer();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            pollUntil(consumer, received, () -> received.size() >= 1);
            // written while the relay streams
            String after = kit.append("user", "usr_000000000001", "user.updated", "\"name\": \"Ada\"", null);
            pollUntil(consumer, received, () -> received.size() >= 2);

            assertThat(received).hasSize(2);
            ConsumerRecord<String, String> item = received.stream().filter(r -> r.key().equals("itm_000000000001")).findFirst().orElseThrow();
            assertThat(item.topic()).isEqualTo(kit.settings.topicPrefix() + ".item");
            assertThat(item.value()).isEqualTo(kit.jdbc.sql("select payload::text from outbox where id = ?").param(before).query(String.class).single());
            assertThat(item.value()).contains("\"version\": 1").contains("\"title\": \"Before\"");
            assertThat(header(item, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(item, "ce_id")).isEqualTo(before);
            assertThat(header(item, "ce_source")).isEqualTo("/trellis-test");
            assertThat(header(item, "ce_type")).isEqualTo("dev.trellis.item.created");
            assertThat(header(item, "ce_subject")).isEqualTo("itm_000000000001");
            assertThat(header(item, "content-type")).isEqualTo("application/json");
            assertThat(header(item, "ce_schemaversion")).isEqualTo("1");
            assertThat(header(item, "ce_traceparent")).isEqualTo(TRACE);
            assertThat(header(item, "ce_dataschema")).isEqualTo("http://localhost:8080/events/schemas/item.created/v1.json");
            assertThat(header(item, "ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat(java.time.Instant.parse(header(item, "ce_time"))).isEqualTo(
                    kit.jdbc.sql("select created_at from outbox where id = ?").param(before).query(java.sql.Timestamp.class).single().toInstant());

            ConsumerRecord<String, String> user = received.stream().filter(r -> r.key().equals("usr_000000000001")).findFirst().orElseThrow();
            assertThat(user.topic()).isEqualTo(kit.settings.topicPrefix() + ".user");
            assertThat(header(user, "ce_id")).isEqualTo(after);
            assertThat(header(user, "ce_traceparent")).isNull();

            await(() -> relay.status().slotLagBytes() >= 0, Duration.ofSeconds(15));
            assertThat(relay.status().role()).isEqualTo(RelayStatus.Role.LEADER);
            // counted once the batch is acknowledged, which may be just after the consumer saw it
            await(() -> kit.meters.get("trellis.relay.events.relayed").counter().count() == 2, Duration.ofSeconds(10));
            assertThat(kit.meters.get("trellis.relay.latency").timer().count()).isEqualTo(1); // the streamed one; the snapshot read has no commit time
            assertThat(kit.meters.get("trellis.relay.leader").gauge().value()).isEqualTo(1);
            long last = kit.jdbc.sql("select max(position) from outbox").query(Long.class).single();
            await(() -> kit.jdbc.sql("select relayed_position from relay_progress").query(Long.class).optional().orElse(0L) == last,
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void keeps_each_aggregates_events_in_order_and_loses_none() throws Exception {
        try (RelayTestKit kit = new RelayTestKit(Map.of())) {
            OutboxRelay relay = kit.relay();
            relay.start();
            int aggregates = 20;
            int perAggregate = 50;
            for (int round = 0; round < perAggregate; round++) {
                for (int a = 0; a < aggregates; a++) {
                    kit.append("item", "itm_%012d".formatted(a), "item.updated", "", null);
                }
            }
            var consumer = kit.consumer();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            pollUntil(consumer, received, () -> received.size() >= aggregates * perAggregate);

            Map<String, List<Integer>> versions = received.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(r -> version(r.value()), Collectors.toList())));
            assertThat(versions).hasSize(aggregates);
            versions.values().forEach(v -> assertThat(v).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, perAggregate).boxed().toList()));
        }
    }

    @Test
    void parks_an_event_kafka_refuses_for_good_and_relays_the_others_then_replays_it() throws Exception {
        Map<String, Object> small = Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 20_000);
        try (RelayTestKit kit = new RelayTestKit(small)) {
            OutboxRelay relay = kit.relay();
            relay.start();
            kit.append("item", "itm_000000000001", "item.created", "", null);
            String huge = kit.append("item", "itm_000000000002", "item.created", "\"content\": \"" + "x".repeat(50_000) + "\"", null);
            kit.append("item", "itm_000000000003", "item.created", "", null);

            var consumer = kit.consumer();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            pollUntil(consumer, received, () -> received.size() >= 2);
            assertThat(received).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("itm_000000000001", "itm_000000000003");
            await(() -> new ParkedEvents(kit.jdbc).count() == 1, Duration.ofSeconds(10));
            ParkedEvent parked = new ParkedEvents(kit.jdbc).parked(Optional.empty()).get(0);
            assertThat(parked.id()).isEqualTo(huge);
            assertThat(parked.reason()).contains("RecordTooLargeException");
            assertThat(kit.meters.get("trellis.relay.events.parked").counter().count()).isEqualTo(1);

            // the cause fixed (a producer allowed larger records), the replay publishes it with its own id
            ReplayParkedEvents replay = new ReplayParkedEvents(new ParkedEvents(kit.jdbc),
                    new ParkedEventReplay(kit.jdbc, kit.kafkaTemplate(Map.of()), kit.settings));
            assertThat(replay.handle(Optional.of(huge))).isEqualTo(new ReplayParkedEvents.Replayed(1, 1, 0));
            pollUntil(consumer, received, () -> received.size() >= 3);
            assertThat(header(received.get(2), "ce_id")).isEqualTo(huge);
            assertThat(new ParkedEvents(kit.jdbc).count()).isZero();
        }
    }

    @Test
    void one_instance_relays_another_stands_by_and_takes_over_when_it_stops() throws Exception {
        try (RelayTestKit kit = new RelayTestKit(Map.of())) {
            OutboxRelay first = kit.relay();
            OutboxRelay second = kit.relay();
            first.start();
            await(() -> first.status().role() == RelayStatus.Role.LEADER, Duration.ofSeconds(15));
            second.start();
            await(() -> second.status().role() == RelayStatus.Role.STANDBY, Duration.ofSeconds(15));
            for (int i = 0; i < 100; i++) {
                kit.append("tag", "tag_%08d".formatted(i), "tag.created", "", null);
            }
            var consumer = kit.consumer();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            pollUntil(consumer, received, () -> received.size() >= 100);

            first.close(); // finishes in flight, releases the lock
            await(() -> second.status().role() == RelayStatus.Role.LEADER, Duration.ofSeconds(30));
            for (int i = 100; i < 200; i++) {
                kit.append("tag", "tag_%08d".formatted(i), "tag.created", "", null);
            }
            pollUntil(consumer, received, () -> received.stream().map(r -> header(r, "ce_id")).distinct().count() >= 200);
            assertThat(received.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(200);
            // The engine's offsets for the last batch may not be stored when it is closed (seen under load: two
            // events), so the next leader may send that batch again: the documented at-least-once bound.
            assertThat(received.size() - 200).as("events sent twice").isLessThanOrEqualTo(kit.settings.maxBatchSize());
        }
    }

    @Test
    void deletes_published_events_past_retention_and_keeps_the_rest() throws Exception {
        try (RelayTestKit kit = new RelayTestKit(Map.of())) {
            String old = kit.append("file", "fil_000000000001", "file.created", "", null);
            kit.jdbc.sql("update outbox set created_at = now() - interval '8 days' where id = ?").param(old).update();
            OutboxRelay relay = kit.relay();
            assertThat(relay.deleteExpiredEvents()).isZero(); // not published yet: kept whatever its age
            relay.start();
            String recent = kit.append("file", "fil_000000000002", "file.created", "", null);
            var consumer = kit.consumer();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            pollUntil(consumer, received, () -> received.size() >= 2);
            await(() -> kit.jdbc.sql("select count(*) from relay_progress").query(Long.class).single() == 1, Duration.ofSeconds(10));

            // the leader runs retention itself when it starts leading, and that run may come after the
            // progress above: the old event is deleted by one of the two, exactly once
            assertThat(relay.deleteExpiredEvents()).isBetween(0L, 1L);
            assertThat(kit.jdbc.sql("select id from outbox").query(String.class).list()).containsExactly(recent);
            assertThat(relay.deleteExpiredEvents()).as("nothing more past retention").isZero();
        }
    }

    @Test
    void recovers_when_its_replication_connection_is_killed_and_loses_nothing() throws Exception {
        try (RelayTestKit kit = new RelayTestKit(Map.of())) {
            OutboxRelay relay = kit.relay();
            relay.start();
            var consumer = kit.consumer();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                kit.append("item", "itm_%012d".formatted(i % 5), "item.updated", "", null);
            }
            pollUntil(consumer, received, () -> received.size() >= 50);

            // what a PostgreSQL restart or a network cut does to the stream: the walsender goes away
            int terminated = kit.jdbc.sql("select count(pg_terminate_backend(active_pid)) from pg_replication_slots where slot_name = ? and active")
                    .param(kit.settings.slotName()).query(Integer.class).single();
            assertThat(terminated).isEqualTo(1);
            for (int i = 50; i < 100; i++) {
                kit.append("item", "itm_%012d".formatted(i % 5), "item.updated", "", null);
            }
            pollUntil(consumer, received, () -> received.stream().map(r -> header(r, "ce_id")).distinct().count() >= 100);

            assertThat(received.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(100);
            Map<String, List<Integer>> firstArrivals = new HashMap<>();
            received.stream().collect(Collectors.groupingBy(ConsumerRecord::key)).forEach((key, records) ->
                    firstArrivals.put(key, records.stream().map(r -> version(r.value())).distinct().toList()));
            firstArrivals.values().forEach(versions -> assertThat(versions).isSorted().hasSize(20));
            await(() -> relay.status().role() == RelayStatus.Role.LEADER && relay.status().lastError() == null, Duration.ofSeconds(30));
        }
    }

    @Test
    void a_kafka_it_cannot_reach_shows_as_failing_and_nothing_is_acknowledged_meanwhile() throws Exception {
        try (RelayTestKit kit = new RelayTestKit(Map.of())) {
            // the producer points at a port nobody listens on (topics are still created on the real broker)
            OutboxRelay cutOff = kit.relay(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000));
            cutOff.start();
            for (int i = 0; i < 10; i++) {
                kit.append("tag", "tag_%08d".formatted(i), "tag.created", "", null);
            }
            await(() -> cutOff.status().failingSince() != null, Duration.ofSeconds(30));
            assertThat(cutOff.status().role()).isEqualTo(RelayStatus.Role.LEADER);
            assertThat(cutOff.status().lastError()).startsWith("Kafka: ");
            assertThat(kit.meters.get("trellis.relay.send.failures").counter().count()).isPositive();
            assertThat(kit.meters.get("trellis.relay.events.relayed").counter().count()).isZero();
            cutOff.close(); // gives up the unacknowledged batch: nothing was stored as sent

            OutboxRelay reachable = kit.relay();
            reachable.start();
            var consumer = kit.consumer();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            pollUntil(consumer, received, () -> received.size() >= 10);
            assertThat(received.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(10);
            assertThat(reachable.status().failingSince()).isNull();
        }
    }

    @Test
    void an_idle_outbox_does_not_pin_the_wal_other_tables_write() throws Exception {
        try (RelayTestKit kit = new RelayTestKit(Map.of())) {
            OutboxRelay relay = kit.relay();
            relay.start();
            kit.append("user", "usr_000000000001", "user.created", "", null);
            var consumer = kit.consumer();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            pollUntil(consumer, received, () -> received.size() >= 1);
            await(() -> relay.slotLagBytes() >= 0, Duration.ofSeconds(30));

            // ~16 MB of WAL from a table the relay does not publish: without heartbeats the slot would hold all of it
            kit.jdbc.sql("create table busy (id bigint, filler text)").update();
            String before = kit.jdbc.sql("select pg_current_wal_lsn()::text").query(String.class).single();
            kit.jdbc.sql("insert into busy select g, repeat('x', 1000) from generate_series(1, 15000) g").update();
            // measured as WAL written, not as the slot's lag: a heartbeat may confirm past it at any moment now
            assertThat(kit.jdbc.sql("select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint").param(before)
                    .query(Long.class).single()).isGreaterThan(10_000_000L);

            await(() -> relay.slotLagBytes() < 1_000_000, Duration.ofSeconds(30)); // heartbeat every second in the kit
        }
    }

    @Test
    void refuses_a_database_without_logical_decoding_naming_the_setting() throws Exception {
        try (var replica = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setServerConfig("wal_level", "replica").start()) {
            var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(replica.getPostgresDatabase());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogicalReplication.requireAvailable(jdbc))
                    .isInstanceOf(LogicalReplication.Unavailable.class)
                    .hasMessageContaining("wal_level=replica")
                    .hasMessageContaining("wal_level=logical")
                    .hasMessageContaining("TRELLIS_RELAY_ENABLED=false");
        }
        LogicalReplication.requireAvailable(org.springframework.jdbc.core.simple.JdbcClient.create(
                dev.trellis.adapter.persistence.testing.TestPostgres.server().getPostgresDatabase()));
    }

    private static int version(String payload) {
        var matcher = java.util.regex.Pattern.compile("\"version\": (\\d+)").matcher(payload);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
