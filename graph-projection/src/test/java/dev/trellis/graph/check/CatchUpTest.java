package dev.trellis.graph.check;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consistent point: the command waits until the relay has published everything its snapshot saw and the
 * projection's consumer group has committed every end offset, names the stage that did not catch up, and
 * re-checks what changed after its snapshot. Real PostgreSQL (the relay's progress table), a real broker.
 */
class CatchUpTest {

    static final String RELAY = "test_relay";

    static CheckFixture fixture;
    static EmbeddedKafkaKraftBroker broker;
    static Admin admin;
    static int sequence;

    String prefix;
    String group;

    @BeforeAll
    static void stores() {
        fixture = new CheckFixture("graph_checker_wait");
        TrellisState.writePostgres(fixture);
        TrellisState.writeGraph(fixture);
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterAll
    static void close() {
        admin.close();
        broker.destroy();
        fixture.close();
    }

    @BeforeEach
    void freshTopicsAndGroup() throws Exception {
        sequence++;
        prefix = "wait" + sequence;
        group = "projection-" + sequence;
        admin.createTopics(List.of("user", "item", "tag", "file").stream()
                .map(aggregate -> new NewTopic(prefix + "." + aggregate, 2, (short) 1)).toList()).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(prefix + ".item", 0, TrellisState.FIRST, "{}")).get();
            }
            producer.send(new ProducerRecord<>(prefix + ".user", 1, TrellisState.ALICE, "{}")).get();
        }
    }

    private long outboxPosition() {
        return fixture.sqlLong("select max(position) from outbox");
    }

    private static void relayAt(long position) {
        fixture.sql("insert into relay_progress (relay, relayed_position, relayed_at) values ('" + RELAY + "', " + position + ", now()) "
                + "on conflict (relay) do update set relayed_position = excluded.relayed_position");
    }

    private void projectionAt(long itemOffset, Long userOffset) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
        offsets.put(new TopicPartition(prefix + ".item", 0), new OffsetAndMetadata(itemOffset));
        if (userOffset != null) {
            offsets.put(new TopicPartition(prefix + ".user", 1), new OffsetAndMetadata(userOffset));
        }
        admin.alterConsumerGroupOffsets(group, offsets).all().get();
    }

    /** Until the check holds its snapshot open (and so waits for the relay, which is behind). */
    private static void awaitCheckWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (fixture.sqlLong("select count(*) from pg_stat_activity where application_name = 'trellis-graph-check' "
                + "and state = 'idle in transaction'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the check never opened its snapshot");
            }
            Thread.sleep(20);
        }
    }

    private CheckFixture.Run check(String timeout) {
        return fixture.check("--kafka=" + broker.getBrokersAsString(), "--topic-prefix=" + prefix, "--group=" + group,
                "--relay=" + RELAY, "--timeout=" + timeout);
    }

    @Test
    void a_relay_behind_the_snapshot_ends_the_wait_with_exit_code_2_naming_the_relay() throws Exception {
        long position = outboxPosition();
        relayAt(position - 1);
        projectionAt(3, 1L);

        CheckFixture.Run run = check("1s");

        assertThat(run.exitCode()).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(run.output()).contains("NOT CHECKED: The relay 'test_relay' has not published up to outbox position " + position
                + " within 1 s (it has published up to " + (position - 1) + ")");
    }

    @Test
    void without_relay_the_check_waits_for_the_one_relay_of_the_database_and_names_several_when_there_are() throws Exception {
        long position = outboxPosition();
        relayAt(position - 1);
        projectionAt(3, 1L);

        CheckFixture.Run one = fixture.check("--kafka=" + broker.getBrokersAsString(), "--topic-prefix=" + prefix,
                "--group=" + group, "--timeout=1s");
        assertThat(one.output()).contains("NOT CHECKED: The relay '" + RELAY + "' has not published up to outbox position " + position);

        fixture.sql("insert into relay_progress (relay, relayed_position, relayed_at) values ('another_relay', 0, now())");
        try {
            CheckFixture.Run several = fixture.check("--kafka=" + broker.getBrokersAsString(), "--topic-prefix=" + prefix,
                    "--group=" + group, "--timeout=1s");
            assertThat(several.exitCode()).isEqualTo(CheckCommand.NOT_CHECKED);
            assertThat(several.output()).contains("NOT CHECKED: Several relays have published from this database (another_relay, "
                    + RELAY + "): name one with --relay.");
        } finally {
            fixture.sql("delete from relay_progress where relay = 'another_relay'");
        }
    }

    @Test
    void a_projection_behind_the_end_offsets_ends_the_wait_with_exit_code_2_naming_the_projection() throws Exception {
        relayAt(outboxPosition());
        projectionAt(2, null);

        CheckFixture.Run run = check("1s");

        assertThat(run.exitCode()).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(run.output()).contains("NOT CHECKED: The projection (consumer group '" + group + "') has not applied everything "
                        + "the relay published within 1 s: ")
                .contains(prefix + ".item-0 at 2 of 3")
                .contains(prefix + ".user-1 nothing committed of 1");
    }

    @Test
    void when_the_relay_and_the_projection_catch_up_during_the_wait_the_check_proceeds() throws Exception {
        long position = outboxPosition();
        relayAt(position - 1);
        projectionAt(1, null);
        CompletableFuture<Void> catchingUp = CompletableFuture.runAsync(() -> {
            try {
                awaitCheckWaiting();
                Thread.sleep(300);
                relayAt(position);
                Thread.sleep(500);
                projectionAt(3, 1L);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        CheckFixture.Run run = check("30s");
        catchingUp.join();

        assertThat(run.exitCode()).isEqualTo(CheckCommand.EQUAL);
        assertThat(run.output()).containsPattern("Point: PostgreSQL snapshot at outbox position " + position
                + "; waited (?!0\\.0 )\\d+\\.\\d s for the relay 'test_relay', (?!0\\.0 )\\d+\\.\\d s for the projection '" + group + "'");
    }

    @Test
    void an_aggregate_created_after_the_snapshot_that_the_graph_already_has_is_rechecked_and_not_reported() throws Exception {
        long position = outboxPosition();
        relayAt(position);
        projectionAt(3, 1L);
        // the projection has applied an item the snapshot will not see: created in PostgreSQL during the wait below
        fixture.cypher("""
                MATCH (bob:User {id: 'usr_bob000000001'})
                CREATE (bob)-[:OWNS]->(:Item {id: 'itm_late0000001', title: 'Late', status: 'draft',
                       createdAt: datetime('2026-03-01T00:00:00Z'), updatedAt: datetime('2026-03-01T00:00:00Z'), version: 1})""");
        relayAt(position - 1); // the first wait lasts until the item exists
        CompletableFuture<Void> meanwhile = CompletableFuture.runAsync(() -> {
            try {
                awaitCheckWaiting();
                fixture.sql("insert into items (id, user_id, title, created_at, updated_at) values "
                        + "('itm_late0000001', 'usr_bob000000001', 'Late', '2026-03-01 00:00:00+00', '2026-03-01 00:00:00+00')");
                relayAt(outboxPosition());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            CheckFixture.Run run = check("30s");
            meanwhile.join();

            assertThat(run.exitCode()).isEqualTo(CheckCommand.EQUAL);
            assertThat(run.output())
                    .contains("Point: PostgreSQL snapshot at outbox position " + position + ";")
                    .contains("items: 2 in PostgreSQL, 3 in the graph, 0 differences")
                    .contains("Re-checked 1 differing aggregate in a second snapshot (outbox position " + (position + 1) + ";");
        } finally {
            fixture.sql("delete from items where id = 'itm_late0000001'");
            fixture.cypher("MATCH (i:Item {id: 'itm_late0000001'}) DETACH DELETE i");
        }
    }
}
