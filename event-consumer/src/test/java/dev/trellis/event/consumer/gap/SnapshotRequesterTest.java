package dev.trellis.event.consumer.gap;

import dev.trellis.event.consumer.TestBroker;
import dev.trellis.event.consumer.fence.AggregateKey;
import dev.trellis.event.consumer.fence.Gap;
import dev.trellis.event.contract.AggregateType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshot requests on a real broker: their shape, and one per user (or one for everything) per window. */
class SnapshotRequesterTest {

    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

    private static final class MovableClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Gap gap(String itemId, String owner) {
        return new Gap(new AggregateKey(AggregateType.ITEM, itemId), 1, 4, owner);
    }

    @Test
    void writes_one_request_per_user_per_window_and_a_request_for_everything_covers_every_user() {
        String prefix = TestBroker.freshTopics();
        MovableClock clock = new MovableClock();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestBroker.brokers()),
                new StringSerializer(), new StringSerializer());
             SnapshotRequester requester = new SnapshotRequester(producer, prefix, "graph-sync", Duration.ofMinutes(1), clock)) {

            assertThat(requester.request(gap("itm_aaaaaaaaaaaa", "usr_a"))).isTrue();
            assertThat(requester.request(gap("itm_bbbbbbbbbbbb", "usr_a"))).as("same user, same window").isFalse();
            assertThat(requester.request(gap("itm_cccccccccccc", "usr_b"))).isTrue();
            clock.now = START.plusSeconds(61);
            assertThat(requester.request(gap("itm_bbbbbbbbbbbb", "usr_a"))).as("the window passed").isTrue();
            assertThat(requester.request(new Gap(new AggregateKey(AggregateType.TAG, "tag_aaaaaaaa"), 0, 3, null))).isTrue();
            assertThat(requester.request(gap("itm_dddddddddddd", "usr_c"))).as("covered by the request for everything").isFalse();
            assertThat(requester.request(new Gap(new AggregateKey(AggregateType.TAG, "tag_bbbbbbbb"), 0, 3, null))).isFalse();
        }

        List<ConsumerRecord<String, String>> written = TestBroker.readAll(SnapshotRequester.topic(prefix), 4);
        assertThat(written).extracting(ConsumerRecord::key).containsExactly("usr_a", "usr_b", "usr_a", "*");
        SnapshotRequest first = SnapshotRequest.fromJson(written.get(0).value());
        assertThat(first).isEqualTo(new SnapshotRequest("usr_a", "item:itm_aaaaaaaaaaaa",
                "graph-sync saw a gap: " + gap("itm_aaaaaaaaaaaa", "usr_a"), START));
        assertThat(written.get(0).value()).isEqualTo("{\"userId\":\"usr_a\",\"aggregate\":\"item:itm_aaaaaaaaaaaa\","
                + "\"reason\":\"graph-sync saw a gap: item:itm_aaaaaaaaaaaa: applied v1, next seen v4 (2 missing); remedy: "
                + "java -jar trellis-app.jar snapshot --user=usr_a\",\"requestedAt\":\"2026-12-07T09:00:00.000000Z\"}");
        SnapshotRequest everything = SnapshotRequest.fromJson(written.get(3).value());
        assertThat(everything.userId()).isNull();
        assertThat(everything.key()).isEqualTo(SnapshotRequest.EVERYTHING);
    }
}
