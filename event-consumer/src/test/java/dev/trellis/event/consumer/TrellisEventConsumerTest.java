package dev.trellis.event.consumer;

import dev.trellis.event.consumer.fence.Gap;
import dev.trellis.event.consumer.gap.SnapshotRequest;
import dev.trellis.event.consumer.gap.SnapshotRequester;
import dev.trellis.event.consumer.jdbc.JdbcBatchHandler;
import dev.trellis.event.consumer.micrometer.MicrometerConsumerMetrics;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.ItemState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.trellis.event.consumer.TestBroker.await;
import static dev.trellis.event.consumer.TestEvents.file;
import static dev.trellis.event.consumer.TestEvents.item;
import static dev.trellis.event.consumer.TestEvents.itemDeleted;
import static dev.trellis.event.consumer.TestEvents.tag;
import static dev.trellis.event.consumer.TestEvents.tagDeleted;
import static dev.trellis.event.consumer.TestEvents.user;
import static org.assertj.core.api.Assertions.assertThat;

/** The plain-Kafka loop against a real broker, applying into a real PostgreSQL through JdbcBatchHandler. */
class TrellisEventConsumerTest {

    private static final String OWNER = "usr_owner0000001";
    private static final String ITEM = "itm_aaaaaaaaaaaa";
    private static final String TAG = "tag_aaaaaaaa";
    private static final String FILE = "fil_aaaaaaaaaaaa";

    private final ConsumerTestKit kit = new ConsumerTestKit();

    @AfterEach
    void close() throws Exception {
        kit.close();
    }

    @Test
    void delivers_typed_events_applies_them_and_commits_after_applying() throws Exception {
        List<TrellisEvent> seen = new CopyOnWriteArrayList<>();
        JdbcBatchHandler jdbc = kit.handler();
        TrellisEventConsumer consumer = kit.start("typed", builder -> builder.handler(events -> {
            seen.addAll(events);
            return jdbc.apply(events);
        }));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MicrometerConsumerMetrics(consumer.metrics(), "typed").bindTo(registry);

        kit.send(kit.record(EventType.USER_CREATED, user(OWNER, 1)), kit.record(EventType.TAG_CREATED, tag(TAG, OWNER, 1)),
                kit.record(EventType.ITEM_CREATED, item(ITEM, OWNER, 1, List.of(TAG), List.of())),
                kit.record(EventType.FILE_CREATED, file(FILE, OWNER, ITEM, 1)));
        await("four events applied", () -> consumer.metrics().applied() == 4);

        assertThat(seen).extracting(TrellisEvent::type).containsExactlyInAnyOrder(EventType.USER_CREATED, EventType.TAG_CREATED,
                EventType.ITEM_CREATED, EventType.FILE_CREATED);
        ItemState item = (ItemState) seen.stream().filter(e -> e.type() == EventType.ITEM_CREATED).findFirst().orElseThrow().payload();
        assertThat(item.tagIds()).containsExactly(TAG);
        assertThat(kit.projection.count("select count(*) from proj_item_tag where item_id = ? and tag_id = ?", ITEM, TAG)).isEqualTo(1);
        assertThat(kit.projection.text("select item_id from proj_file where id = ?", FILE)).isEqualTo(ITEM);
        await("offsets committed up to the end", () -> TestBroker.committed("typed").equals(TestBroker.endOffsets(kit.prefix)));
        assertThat(consumer.metrics().lastApplyLatency()).isNotNull().isPositive();
        assertThat(registry.get("trellis.consumer.events").tag("outcome", "applied").functionCounter().count()).isEqualTo(4);
        assertThat(registry.get("trellis.consumer.events.received").functionCounter().count()).isEqualTo(4);
        assertThat(registry.get("trellis.consumer.partitions").gauge().value()).as("four topics of three partitions").isEqualTo(12);
        await("caught up", () -> registry.get("trellis.consumer.lag").gauge().value() == 0);

        consumer.close();
        assertThat(consumer.state()).isEqualTo(TrellisEventConsumer.State.STOPPED);
        assertThat(consumer.failure()).isEmpty();
    }

    @Test
    void an_unknown_schema_version_stops_the_consumer_and_a_restarted_one_meets_the_same_record() throws Exception {
        TrellisEventConsumer first = kit.start("strict");
        kit.send(EventType.ITEM_CREATED, item(ITEM, OWNER, 1));
        await("the first event applied", () -> first.metrics().applied() == 1);

        RecordMetadata unreadable = kit.producer.send(TestEvents.record(kit.prefix, EventType.ITEM_UPDATED, item(ITEM, OWNER, 2),
                Instant.now(), "2")).get(30, TimeUnit.SECONDS);
        await("the consumer stopped", () -> first.state() == TrellisEventConsumer.State.FAILED);

        String where = unreadable.topic() + "-" + unreadable.partition() + "@" + unreadable.offset();
        assertThat(first.failure()).get().isInstanceOfSatisfying(EventDecodingException.class, e -> {
            assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNKNOWN_SCHEMA_VERSION);
            assertThat(e.getMessage()).contains(where, "schemaVersion 2", "upgrade trellis-event-contract");
        });
        assertThat(first.metrics().decodingFailures()).isEqualTo(1);
        assertThat(TestBroker.committed("strict"))
                .as("committed up to the unreadable record, not past it")
                .containsEntry(new TopicPartition(unreadable.topic(), unreadable.partition()), unreadable.offset());
        assertThat(kit.projection.text("select title from proj_item where id = ?", ITEM)).endsWith("v1");

        TrellisEventConsumer restarted = kit.start("strict");
        await("the restarted consumer stopped too", () -> restarted.state() == TrellisEventConsumer.State.FAILED);
        assertThat(restarted.failure()).get().extracting(Throwable::getMessage).asString().contains(where);
        assertThat(restarted.metrics().received()).isZero();
    }

    @Test
    void duplicates_and_replays_are_applied_once() {
        TrellisEventConsumer consumer = kit.start("once");
        ProducerRecord<String, byte[]> created = kit.record(EventType.ITEM_CREATED, item(ITEM, OWNER, 1));
        ProducerRecord<String, byte[]> updated = kit.record(EventType.ITEM_UPDATED, item(ITEM, OWNER, 2));
        kit.send(created, updated);
        await("both applied", () -> consumer.metrics().received() == 2);

        kit.send(created, updated);            // the relay sending its last batch again after a fault
        kit.send(created);                     // and a replay of something long applied
        await("all five seen", () -> consumer.metrics().received() == 5);

        assertThat(consumer.metrics().duplicates()).isEqualTo(3);
        assertThat(kit.projection.effects()).isEqualTo(kit.projection.distinctEffects());
        assertThat(kit.projection.text("select title from proj_item where id = ?", ITEM)).endsWith("v2");
    }

    @Test
    void a_file_updated_arriving_after_its_items_deletion_does_not_bring_the_item_back() {
        TrellisEventConsumer consumer = kit.start("file-after-item");
        kit.send(kit.record(EventType.ITEM_CREATED, item(ITEM, OWNER, 1)), kit.record(EventType.ITEM_DELETED, itemDeleted(ITEM, OWNER, 2)));
        await("the item created and deleted", () -> consumer.metrics().received() == 2);

        // attached before the deletion, published on trellis.file, read after trellis.item's deletion
        kit.send(kit.record(EventType.FILE_CREATED, file(FILE, OWNER, null, 1)), kit.record(EventType.FILE_UPDATED, file(FILE, OWNER, ITEM, 2)));
        await("the file's events applied", () -> consumer.metrics().received() == 4);

        assertThat(kit.projection.exists("proj_item", ITEM)).as("not even as a placeholder").isFalse();
        assertThat(kit.projection.exists("proj_file", FILE)).isTrue();
        assertThat(kit.projection.text("select item_id from proj_file where id = ?", FILE)).isNull();
    }

    @Test
    void an_item_naming_a_tag_deleted_before_it_arrived_does_not_bring_the_tag_back() {
        TrellisEventConsumer consumer = kit.start("tag-before-item");
        kit.send(kit.record(EventType.TAG_CREATED, tag(TAG, OWNER, 1)),
                kit.record(EventType.ITEM_CREATED, item(ITEM, OWNER, 1, List.of(TAG), List.of())));
        await("tagged", () -> consumer.metrics().received() == 2);
        assertThat(kit.projection.count("select count(*) from proj_item_tag")).isEqualTo(1);

        kit.send(EventType.TAG_DELETED, tagDeleted(TAG, 2));
        await("the tag deleted", () -> consumer.metrics().received() == 3);
        // written before the tag's deletion, read after it (the topics are not ordered with each other)
        kit.send(EventType.ITEM_TAGS_CHANGED, item(ITEM, OWNER, 2, List.of(TAG), List.of()));
        await("the item's late event applied", () -> consumer.metrics().received() == 4);

        assertThat(kit.projection.exists("proj_tag", TAG)).as("not even as a placeholder").isFalse();
        assertThat(kit.projection.count("select count(*) from proj_item_tag")).isZero();
        assertThat(kit.projection.text("select title from proj_item where id = ?", ITEM)).endsWith("v2");
    }

    @Test
    void a_parked_event_replayed_hours_later_does_not_bring_its_aggregate_back() {
        TrellisEventConsumer consumer = kit.start("parked");
        Instant hoursAgo = Instant.now().minus(Duration.ofHours(5));
        kit.send(kit.record(EventType.ITEM_CREATED, item(ITEM, OWNER, 1)));
        await("created", () -> consumer.metrics().received() == 1);
        // v2 was parked by the relay (too large for the topic); v3 deleted the item
        kit.send(EventType.ITEM_DELETED, itemDeleted(ITEM, OWNER, 3));
        await("deleted", () -> consumer.metrics().received() == 2);
        assertThat(consumer.metrics().gaps()).as("nothing to repair on a deleted item").isZero();

        kit.send(TestEvents.record(kit.prefix, EventType.ITEM_UPDATED, item(ITEM, OWNER, 2), hoursAgo, "1"),
                TestEvents.record(kit.prefix, EventType.FILE_CREATED, file(FILE, OWNER, ITEM, 1), hoursAgo, "1"));
        await("the replayed events seen", () -> consumer.metrics().received() == 4);

        assertThat(consumer.metrics().duplicates()).as("v2 is below the deletion's v3").isEqualTo(1);
        assertThat(kit.projection.exists("proj_item", ITEM)).isFalse();
        assertThat(kit.projection.text("select item_id from proj_file where id = ?", FILE)).isNull();
    }

    @Test
    void a_gap_is_reported_with_its_remedy_and_a_snapshot_is_requested_once_per_user() {
        List<Gap> gaps = new CopyOnWriteArrayList<>();
        TrellisEventConsumer consumer = kit.start("gaps", builder -> builder.gapListener(gaps::add)
                .requestSnapshotsOnGaps(Duration.ofMinutes(1)));
        kit.send(EventType.ITEM_CREATED, item(ITEM, OWNER, 1));
        await("created", () -> consumer.metrics().received() == 1);

        kit.send(EventType.ITEM_UPDATED, item(ITEM, OWNER, 4));                       // 2 and 3 never arrived
        kit.send(EventType.ITEM_UPDATED, item("itm_bbbbbbbbbbbb", OWNER, 3));         // same owner: no second request
        kit.send(EventType.FILE_UPDATED, file(FILE, "usr_other0000002", null, 2));    // another user
        await("three gaps", () -> consumer.metrics().gaps() == 3);

        assertThat(gaps).extracting(Gap::toString).anySatisfy(text -> assertThat(text)
                .contains("item:" + ITEM, "applied v1, next seen v4", "2 missing", "snapshot --user=" + OWNER));
        await("two requests", () -> consumer.metrics().snapshotRequests() == 2);
        List<ConsumerRecord<String, String>> requests = TestBroker.readAll(SnapshotRequester.topic(kit.prefix), 2);
        assertThat(requests).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(OWNER, "usr_other0000002");
        SnapshotRequest request = SnapshotRequest.fromJson(requests.stream().filter(r -> r.key().equals("usr_other0000002"))
                .findFirst().orElseThrow().value());
        assertThat(request.userId()).isEqualTo("usr_other0000002");
        assertThat(request.aggregate()).isEqualTo("file:" + FILE);
        assertThat(request.reason()).contains("gaps", "snapshot --user=usr_other0000002");
        assertThat(kit.projection.text("select title from proj_item where id = ?", ITEM)).as("the newest state applied all the same").endsWith("v4");
    }

    @Test
    void a_failing_handler_gets_the_same_records_again_until_it_succeeds_and_nothing_is_lost_or_doubled() {
        AtomicInteger failuresLeft = new AtomicInteger(3);
        JdbcBatchHandler flaky = new JdbcBatchHandler(kit.dataSource, (connection, plan) -> {
            kit.projection.apply(connection, plan);       // the effect is written, then the transaction fails
            if (failuresLeft.getAndDecrement() > 0) {
                throw new java.sql.SQLTransientException("the store is briefly away");
            }
        });
        TrellisEventConsumer consumer = kit.start("flaky", builder -> builder.handler(flaky));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(kit.record(EventType.TAG_CREATED, tag(String.format("tag_%08d", i), OWNER, 1)));
        }
        kit.send(records.toArray(ProducerRecord[]::new));
        await("all twenty applied", () -> consumer.metrics().applied() == 20);

        assertThat(consumer.metrics().batchFailures()).isEqualTo(3);
        assertThat(kit.projection.effects()).isEqualTo(20);
        assertThat(kit.projection.distinctEffects()).isEqualTo(20);
        assertThat(consumer.state()).isEqualTo(TrellisEventConsumer.State.RUNNING);
        await("committed to the end", () -> TestBroker.committed("flaky").equals(TestBroker.endOffsets(kit.prefix)));
    }

    @Test
    void reset_to_beginning_replays_everything_with_no_second_effect() {
        TrellisEventConsumer consumer = kit.start("replay");
        kit.send(kit.record(EventType.USER_CREATED, user(OWNER, 1)), kit.record(EventType.ITEM_CREATED, item(ITEM, OWNER, 1)),
                kit.record(EventType.ITEM_UPDATED, item(ITEM, OWNER, 2)), kit.record(EventType.TAG_CREATED, tag(TAG, OWNER, 1)),
                kit.record(EventType.TAG_DELETED, tagDeleted(TAG, 2)), kit.record(EventType.FILE_CREATED, file(FILE, OWNER, ITEM, 1)));
        await("six seen", () -> consumer.metrics().received() == 6);
        long effects = kit.projection.effects();
        long duplicates = consumer.metrics().duplicates();

        consumer.resetToBeginning();
        await("six seen again", () -> consumer.metrics().received() == 12);

        assertThat(kit.projection.effects()).isEqualTo(effects);
        assertThat(consumer.metrics().duplicates() - duplicates).as("every replayed event").isEqualTo(6);
        assertThat(consumer.metrics().applied()).isEqualTo(kit.projection.effects());
        assertThat(kit.projection.exists("proj_tag", TAG)).isFalse();
    }

    @Test
    void reset_before_the_start_rewinds_every_partition_at_its_first_assignment_and_those_assigned_later() throws Exception {
        TrellisEventConsumer reader = kit.start("rewind");
        sendTags(0, 30);
        await("all read and committed", () -> TestBroker.committed("rewind").equals(TestBroker.endOffsets(kit.prefix)));
        reader.close();
        TrellisEventConsumer other = kit.start("rewind");                      // a member that does not replay
        await("the other member holds every partition", () -> other.metrics().partitions() == 12);

        TrellisEventConsumer replay = kit.consumer("rewind").build();
        replay.resetToBeginning();                                             // before it runs: nothing assigned yet
        replay.start();
        try (replay) {
            await("the replaying member holds a share", () -> replay.metrics().partitions() > 0 && other.metrics().partitions() > 0
                    && replay.metrics().partitions() + other.metrics().partitions() == 12);
            await("its share replayed", () -> replay.metrics().received() > 0 && replay.metrics().lag() == 0);
            long share = replay.metrics().received();
            assertThat(share).as("a share, not everything").isLessThan(30);

            other.close();                                                     // its partitions move to the replaying member
            await("everything replayed", () -> replay.metrics().received() == 30);
            Thread.sleep(500);
        }

        assertThat(replay.metrics().received()).as("each partition once from its beginning, the first share not twice").isEqualTo(30);
        assertThat(replay.metrics().duplicates()).as("every replayed event").isEqualTo(30);
        assertThat(kit.projection.effects()).isEqualTo(30);
        // and the empty partitions at their beginning, committed when they were rewound
        assertThat(TestBroker.committed("rewind")).containsAllEntriesOf(TestBroker.endOffsets(kit.prefix));
    }

    @Test
    void lag_counts_the_records_not_yet_applied_on_the_partitions_held() throws Exception {
        List<ProducerRecord<String, byte[]>> updates = new ArrayList<>();
        for (int version = 1; version <= 5; version++) {                     // one aggregate: one partition, in order
            updates.add(kit.record(version == 1 ? EventType.ITEM_CREATED : EventType.ITEM_UPDATED, item(ITEM, OWNER, version)));
        }
        kit.send(updates.toArray(ProducerRecord[]::new));
        CountDownLatch release = new CountDownLatch(1);
        JdbcBatchHandler jdbc = kit.handler();
        TrellisEventConsumer consumer = kit.start("lag", builder -> builder.maxPollRecords(1).handler(events -> {
            release.await(60, TimeUnit.SECONDS);
            return jdbc.apply(events);
        }));

        await("five records not applied, the first of them in hand", () -> consumer.metrics().lag() == 5);
        assertThat(consumer.metrics().partitions()).isEqualTo(12);
        release.countDown();
        await("all applied", () -> consumer.metrics().received() == 5);
        await("caught up", () -> consumer.metrics().lag() == 0);
        assertThat(consumer.metrics().partitions()).isEqualTo(12);
    }

    @Test
    void brokers_answer_when_there_are_some_and_not_when_nothing_listens() throws Exception {
        TrellisEventConsumer consumer = kit.consumer("probe").build();
        assertThat(consumer.brokersAnswer(Duration.ofSeconds(10))).isTrue();

        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        TrellisEventConsumer nowhere = kit.consumer("probe").bootstrapServers("127.0.0.1:" + closed).build();
        long started = System.nanoTime();
        assertThat(nowhere.brokersAnswer(Duration.ofSeconds(1))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_second_instance_joining_the_group_takes_partitions_over_without_a_double_effect() throws InterruptedException {
        TrellisEventConsumer first = kit.start("pair");
        sendTags(0, 60);
        await("the first instance started applying", () -> first.metrics().applied() > 0);

        TrellisEventConsumer second = kit.start("pair");
        int sent = 60;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (second.metrics().applied() == 0 && System.nanoTime() < deadline) {   // until the rebalance gave it partitions
            sendTags(sent, sent + 10);
            sent += 10;
            Thread.sleep(100);
        }
        int total = sent;
        await("all applied between them", () -> kit.projection.count("select count(distinct aggregate) from effect_log") == total);

        assertThat(second.metrics().applied()).isPositive();
        assertThat(kit.projection.effects()).isEqualTo(total);
        assertThat(first.metrics().applied() + second.metrics().applied()).isEqualTo(total);
        await("committed to the end", () -> TestBroker.committed("pair").equals(TestBroker.endOffsets(kit.prefix)));
    }

    private void sendTags(int from, int to) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(kit.record(EventType.TAG_CREATED, tag(String.format("tag_%08d", i), OWNER, 1)));
        }
        kit.send(records.toArray(ProducerRecord[]::new));
    }

}
