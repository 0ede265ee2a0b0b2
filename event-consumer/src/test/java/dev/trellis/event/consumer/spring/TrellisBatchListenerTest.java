package dev.trellis.event.consumer.spring;

import dev.trellis.event.consumer.ConsumerTestKit;
import dev.trellis.event.consumer.TestBroker;
import dev.trellis.event.consumer.TestEvents;
import dev.trellis.event.consumer.jdbc.JdbcBatchHandler;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.trellis.event.consumer.TestBroker.await;
import static dev.trellis.event.consumer.TestEvents.item;
import static dev.trellis.event.consumer.TestEvents.tag;
import static org.assertj.core.api.Assertions.assertThat;

/** The spring-kafka listener in a plain listener container (no application context) on a real broker. */
class TrellisBatchListenerTest {

    private static final String OWNER = "usr_owner0000001";

    private final ConsumerTestKit kit = new ConsumerTestKit();
    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        kit.close();
    }

    /** As a service would configure it: byte[] values, the listener, its error handler; AckMode.BATCH, the default. */
    private ConcurrentMessageListenerContainer<String, byte[]> start(String groupId, TrellisBatchListener listener) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.brokers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        ContainerProperties properties = new ContainerProperties(Topics.all(kit.prefix).toArray(String[]::new));
        properties.setMessageListener(listener);
        properties.setPollTimeout(100);
        ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(consumers, properties);
        container.setCommonErrorHandler(TrellisBatchListener.errorHandler(Duration.ofMillis(50), Duration.ofMillis(200)));
        container.setBeanName(groupId);
        containers.add(container);
        container.start();
        return container;
    }

    @Test
    void applies_batches_retries_a_failing_handler_and_the_container_commits_after_the_listener_returned() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        JdbcBatchHandler flaky = new JdbcBatchHandler(kit.dataSource, (connection, plan) -> {
            kit.projection.apply(connection, plan);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new java.sql.SQLTransientException("the store is briefly away");
            }
        });
        TrellisBatchListener listener = new TrellisBatchListener(flaky);
        start("spring-flaky", listener);

        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(kit.record(EventType.TAG_CREATED, tag(String.format("tag_%08d", i), OWNER, 1)));
        }
        records.add(records.get(3));        // a duplicate
        kit.send(records.toArray(ProducerRecord[]::new));
        await("ten applied", () -> listener.metrics().applied() == 10 && listener.metrics().duplicates() == 1);

        assertThat(listener.metrics().batchFailures()).isEqualTo(2);
        assertThat(kit.projection.effects()).isEqualTo(10);
        assertThat(kit.projection.distinctEffects()).isEqualTo(10);
        await("committed to the end", () -> TestBroker.committed("spring-flaky").equals(TestBroker.endOffsets(kit.prefix)));
    }

    @Test
    void a_record_it_cannot_decode_stops_the_container_uncommitted_and_a_new_container_meets_it_again() throws Exception {
        TrellisBatchListener listener = new TrellisBatchListener(kit.handler());
        ConcurrentMessageListenerContainer<String, byte[]> container = start("spring-strict", listener);
        String itemId = "itm_aaaaaaaaaaaa";
        kit.send(EventType.ITEM_CREATED, item(itemId, OWNER, 1));
        await("the first event applied", () -> listener.metrics().applied() == 1);

        RecordMetadata unreadable = kit.producer.send(TestEvents.record(kit.prefix, EventType.ITEM_UPDATED, item(itemId, OWNER, 2),
                Instant.now(), "2")).get(30, TimeUnit.SECONDS);
        await("the container stopped", () -> !container.isRunning());

        String where = unreadable.topic() + "-" + unreadable.partition() + "@" + unreadable.offset();
        assertThat(listener.failure()).get().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNKNOWN_SCHEMA_VERSION);
            assertThat(e.getMessage()).contains(where, "upgrade trellis-event-contract");
        });
        assertThat(TestBroker.committed("spring-strict"))
                .containsEntry(new TopicPartition(unreadable.topic(), unreadable.partition()), unreadable.offset());

        TrellisBatchListener again = new TrellisBatchListener(kit.handler());
        ConcurrentMessageListenerContainer<String, byte[]> restarted = start("spring-strict", again);
        await("the new container stopped too", () -> again.failure().isPresent() && !restarted.isRunning());
        assertThat(again.failure().get().getMessage()).contains(where);
        assertThat(kit.projection.text("select title from proj_item where id = ?", itemId)).endsWith("v1");
    }
}
