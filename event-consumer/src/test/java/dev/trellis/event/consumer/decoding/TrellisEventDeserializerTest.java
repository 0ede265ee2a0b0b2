package dev.trellis.event.consumer.decoding;

import dev.trellis.event.consumer.TestBroker;
import dev.trellis.event.consumer.TestEvents;
import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.Topics;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.ItemState;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.trellis.event.consumer.TestEvents.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The value deserializer in a plain KafkaConsumer on a real broker. */
class TrellisEventDeserializerTest {

    private static final String OWNER = "usr_owner0000001";

    @Test
    void reads_typed_events_and_stops_on_an_unknown_schema_version_at_the_same_record_every_time() throws Exception {
        String prefix = TestBroker.freshTopics();
        String itemId = "itm_aaaaaaaaaaaa";
        RecordMetadata unreadable;
        try (var producer = TestBroker.producer()) {
            TestBroker.send(producer, TestEvents.record(prefix, EventType.ITEM_CREATED, item(itemId, OWNER, 1)));
            unreadable = producer.send(TestEvents.record(prefix, EventType.ITEM_UPDATED, item(itemId, OWNER, 2), Instant.now(), "3"))
                    .get(30, TimeUnit.SECONDS);
        }
        TopicPartition partition = new TopicPartition(unreadable.topic(), unreadable.partition());

        try (KafkaConsumer<String, TrellisEvent> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", TestBroker.brokers()),
                new StringDeserializer(), new TrellisEventDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<TrellisEvent> events = new ArrayList<>();
            RecordDeserializationException failure = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (failure == null && System.nanoTime() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(record.value()));
                } catch (RecordDeserializationException e) {
                    failure = e;
                }
            }

            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.ITEM_CREATED);
                assertThat(((ItemState) event.payload()).ownerId()).isEqualTo(OWNER);
            });
            assertThat(failure).isNotNull();
            assertThat(failure.topicPartition()).isEqualTo(partition);
            assertThat(failure.offset()).isEqualTo(unreadable.offset());
            assertThat(failure.getCause()).isInstanceOf(EventDecodingException.class).hasMessageContaining("schemaVersion 3");

            RecordDeserializationException again = catchThrowableOfType(RecordDeserializationException.class,
                    () -> consumer.poll(Duration.ofMillis(500)));
            assertThat(again).as("the record is not skipped").isNotNull();
            assertThat(again.offset()).isEqualTo(unreadable.offset());
        }
    }

    @Test
    void refuses_a_record_without_headers() {
        assertThatThrownBy(() -> new TrellisEventDeserializer().deserialize(Topics.topic("trellis", AggregateType.ITEM), new byte[0]))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("headers");
    }
}
