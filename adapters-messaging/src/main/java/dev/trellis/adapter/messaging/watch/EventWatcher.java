package dev.trellis.adapter.messaging.watch;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Prints the records of the topics matching a pattern, one line each, until {@link #stop()}: a plain
 * consumer in a throwaway group that commits nothing. Topics that appear while it watches are picked up.
 * It shows what was written since it started, or with {@code fromBeginning} everything the topics hold.
 */
public final class EventWatcher {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, String> consumer;
    private final Pattern topics;
    private final boolean fromBeginning;
    private final Consumer<String> out;
    private final long startedAt = System.currentTimeMillis();

    public EventWatcher(String bootstrapServers, Pattern topics, boolean fromBeginning, Consumer<String> out) {
        this.topics = topics;
        this.fromBeginning = fromBeginning;
        this.out = out;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "trellis-watch-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Watching must not create the topics it looks for.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // A topic created while watching is noticed within a second, not after the default 5 minutes.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        // Then only the new topic's partitions are assigned: the others keep their place (an eager rebalance
        // would drop every position, and a group that commits nothing would restart them at the end).
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Polls and prints until {@link #stop()} is called from another thread; then closes the consumer. */
    public void run() {
        try (consumer) {
            consumer.subscribe(topics, new StartingPosition());
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    out.accept(line(record));
                }
            }
        } catch (WakeupException stopped) {
            // stop() was called: the consumer closes and run() returns
        }
    }

    /** Makes {@link #run()} return; safe from any thread, a shutdown hook included. */
    public void stop() {
        consumer.wakeup();
    }

    /** {@code topic partition@offset key=… ce_type=… ce_id=… value}. */
    static String line(ConsumerRecord<String, String> record) {
        return record.topic() + " " + record.partition() + "@" + record.offset()
                + " key=" + record.key()
                + " ce_type=" + header(record, "ce_type")
                + " ce_id=" + header(record, "ce_id")
                + " " + record.value();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Places each newly assigned partition at its first record written since the watch started (or at its
     * start with {@code fromBeginning}), so that the records of a topic created while watching, written
     * before the consumer noticed it, are not missed.
     */
    private final class StartingPosition implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
                return;
            }
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(partition -> since.put(partition, startedAt));
            consumer.offsetsForTimes(since).forEach((partition, offset) -> {
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            });
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }
    }
}
