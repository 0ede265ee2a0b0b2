package dev.trellis.graph.kafka;

import dev.trellis.event.contract.EventDecoder;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.Topics;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.graph.ProjectionMetrics;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The projection's consumer, on the plain Kafka client: subscribes to the four topics of a prefix, decodes
 * each poll's records with the contract's {@link EventDecoder}, hands them to the {@link BatchHandler} as
 * one batch, and commits the poll's offsets only after the handler returned (at least once; the handler's
 * version fence makes it exactly once in effect). Consumers in one group share the partitions.
 * <ul>
 *   <li>A record that does not decode stops the loop with the decoder's message (never skipped); that
 *       poll's offsets are not committed.</li>
 *   <li>A handler failure (Neo4j unreachable, …) rewinds to the batch's first offsets and tries again after
 *       a backoff (0.5 s doubling to 30 s).</li>
 *   <li>{@link #stop()} (a SIGTERM's shutdown hook) ends the loop after the batch in flight, committed.</li>
 *   <li>{@code fromBeginning}: each partition this process is assigned for the first time starts again at
 *       the beginning, and that position is committed at once: a full replay, which a restart without the
 *       flag continues rather than skips.</li>
 * </ul>
 * Kept small and apart on purpose: the consumer kit's own loop can replace it without touching the rest.
 */
public final class KafkaPollLoop implements AutoCloseable {

    /** A poll's events, applied before their offsets are committed. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<TrellisEvent> batch);
    }

    public record Settings(String bootstrapServers, String topicPrefix, String groupId, boolean fromBeginning) {
    }

    private static final Logger log = LoggerFactory.getLogger(KafkaPollLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final Settings settings;
    private final BatchHandler handler;
    private final ProjectionMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventDecoder decoder = new EventDecoder();
    private final Set<TopicPartition> rewound = new HashSet<>();
    private final Object pause = new Object();
    private volatile boolean running = true;
    private volatile boolean started;
    private volatile boolean closed;

    /** @param metrics told the partitions assigned and, after each poll, the lag */
    public KafkaPollLoop(Settings settings, BatchHandler handler, ProjectionMetrics metrics) {
        this.settings = settings;
        this.handler = handler;
        this.metrics = metrics;
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new group builds the graph from everything the topics hold
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        // the application's relay creates the topics at its first start: find them soon when we started first
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
    }

    /**
     * Fails with one line when no broker answers within {@code timeout}.
     *
     * @throws KafkaUnreachable naming the setting
     */
    public void checkReachable(Duration timeout) {
        try {
            consumer.listTopics(timeout);
        } catch (TimeoutException e) {
            throw new KafkaUnreachable(settings.bootstrapServers(), timeout);
        }
    }

    /**
     * Runs until {@link #stop()}; on the calling thread.
     *
     * @throws EventDecodingException a record this contract cannot read: the projection must stop
     */
    public void run() {
        started = true;
        consumer.subscribe(Topics.pattern(settings.topicPrefix()), new Rebalance());
        long backoff = FIRST_BACKOFF_MILLIS;
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                reportLag();
                if (records.isEmpty()) {
                    continue;
                }
                List<TrellisEvent> batch = decode(records);
                try {
                    handler.handle(batch);
                } catch (RuntimeException e) {
                    log.warn("Could not apply a batch of {} events ({}); retrying in {} ms", batch.size(), e.toString(), backoff);
                    rewind(records);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                    continue;
                }
                backoff = FIRST_BACKOFF_MILLIS;
                commit(nextOffsets(records));
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            closed = true;
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Ends {@link #run()} after the batch in flight; from any thread. */
    public void stop() {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        if (!closed) {
            consumer.wakeup();
        }
    }

    /** Stops a running loop, or releases the consumer of one that never ran. */
    @Override
    public void close() {
        if (started) {
            stop();
        } else if (!closed) {
            closed = true;
            consumer.close(Duration.ZERO);
        }
    }

    private List<TrellisEvent> decode(ConsumerRecords<String, byte[]> records) {
        List<TrellisEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            batch.add(decoder.decode(where, name -> header(record, name), record.value()));
        }
        return batch;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException e) {
            // the group moved the partitions on (this batch outlasted max.poll.interval.ms): their new owner
            // gets these records again, and its fence drops what the graph already has
            log.warn("Offsets of a batch not committed: {}", e.getMessage());
        } catch (WakeupException e) {
            // stop() while the batch was applied: the graph has it, so store its offsets before leaving
            consumer.commitSync(offsets);
            throw e;
        }
    }

    private void reportLag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isPresent()) {
                total += partitionLag.getAsLong();
            }
        }
        metrics.lag(total);
    }

    private void sleep(long millis) {
        synchronized (pause) {
            long deadline = System.currentTimeMillis() + millis;
            long left = millis;
            while (running && left > 0) {
                try {
                    pause.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return;
                }
                left = deadline - System.currentTimeMillis();
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            metrics.partitions(consumer.assignment().size());
            if (partitions.isEmpty()) {
                return;
            }
            log.info("Partitions assigned: {}", names(partitions));
            if (!settings.fromBeginning()) {
                return;
            }
            List<TopicPartition> fresh = partitions.stream().filter(rewound::add).toList();
            if (fresh.isEmpty()) {
                return;
            }
            consumer.seekToBeginning(fresh);
            Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
            for (TopicPartition partition : fresh) {
                beginning.put(partition, new OffsetAndMetadata(consumer.position(partition)));
            }
            consumer.commitSync(beginning);
            log.info("From the beginning: {} partitions rewound ({})", fresh.size(), names(fresh));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing to commit: each batch's offsets are committed before the next poll
            metrics.partitions(consumer.assignment().size() - partitions.size());
        }

        private String names(Collection<TopicPartition> partitions) {
            return partitions.stream().map(TopicPartition::toString).sorted().collect(Collectors.joining(", "));
        }
    }

    /** No broker answered at start-up. */
    public static final class KafkaUnreachable extends RuntimeException {
        public KafkaUnreachable(String bootstrapServers, Duration timeout) {
            super("Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s; start Trellis (its "
                    + "embedded broker listens on localhost:9092) or set KAFKA_BOOTSTRAP_SERVERS to your brokers");
        }
    }
}
