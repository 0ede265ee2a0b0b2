package dev.trellis.event.consumer;

import dev.trellis.event.consumer.batch.BatchSteps;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.contract.TrellisEvent;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The poll loop of a {@link TrellisEventConsumer} on its Kafka client: polls, runs each batch through the
 * {@link BatchSteps}, retries a failed batch after a backoff, commits the offsets of applied batches (also of
 * partitions a rebalance takes away, and at the end), and rewinds partitions for a replay. Runs on the
 * consumer's thread; only {@link #resetToBeginning()} is called from others.
 */
final class PollLoop {

    // the consumer's lines, under the consumer's name
    private static final Logger log = LoggerFactory.getLogger(TrellisEventConsumer.class);

    private final List<String> topics;
    private final String groupId;
    private final Duration pollTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final BatchSteps steps;
    private final CountDownLatch closing;
    private final Consumer<TrellisEventConsumer.State> state;

    private final AtomicBoolean resetRequested = new AtomicBoolean();
    /** Set by {@link #resetToBeginning()}: partitions assigned from then on are rewound the first time. */
    private volatile boolean replaying;
    /** Partitions rewound since the last {@link #resetToBeginning()}; the loop's thread only. */
    private final Set<TopicPartition> rewound = new HashSet<>();
    /** Offsets of batches applied but not yet committed (a commit failed in a rebalance, or a close interrupted it). */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();

    /**
     * @param closing counted down when the consumer closes: the loop ends after the batch in hand
     * @param state   told when the loop starts retrying a batch, and when a batch succeeded again
     */
    PollLoop(List<String> topics, String groupId, Duration pollTimeout, Duration initialBackoff, Duration maxBackoff, BatchSteps steps,
             CountDownLatch closing, Consumer<TrellisEventConsumer.State> state) {
        this.topics = topics;
        this.groupId = groupId;
        this.pollTimeout = pollTimeout;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.steps = steps;
        this.closing = closing;
        this.state = state;
    }

    /** See {@link TrellisEventConsumer#resetToBeginning()}. */
    void resetToBeginning() {
        replaying = true;
        resetRequested.set(true);
    }

    /** Subscribes and polls until the consumer closes (or a record cannot be decoded); commits what was applied. */
    void run(KafkaConsumer<String, byte[]> kafka) {
        kafka.subscribe(topics, new CommitOnRevoke(kafka));
        try {
            loop(kafka);
        } catch (WakeupException e) {
            if (closing.getCount() != 0) {
                throw e;
            }
        } finally {
            commitOnClose(kafka);
        }
    }

    private void loop(KafkaConsumer<String, byte[]> kafka) {
        Duration backoff = initialBackoff;
        while (closing.getCount() != 0) {
            if (resetRequested.getAndSet(false)) {
                rewound.clear();
                rewind(kafka, kafka.assignment());
            }
            ConsumerRecords<String, byte[]> records = kafka.poll(pollTimeout);
            steps.polled(kafka.assignment().size(), lag(kafka) + records.count());
            if (records.isEmpty()) {
                continue;
            }
            List<TrellisEvent> events = steps.decode(records);
            BatchPlan plan;
            try {
                plan = steps.apply(events);
            } catch (Exception e) {
                state.accept(TrellisEventConsumer.State.RETRYING);
                log.warn("Consumer {}: applying a batch of {} events failed; the same records again in {}", groupId, events.size(),
                        backoff, e);
                seekBack(kafka, records);
                if (await(closing, backoff)) {
                    return;
                }
                backoff = min(backoff.multipliedBy(2), maxBackoff);
                continue;
            }
            state.accept(TrellisEventConsumer.State.RUNNING);
            backoff = initialBackoff;
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> ofPartition = records.records(partition);
                uncommitted.put(partition, new OffsetAndMetadata(ofPartition.get(ofPartition.size() - 1).offset() + 1));
            }
            commitUncommitted(kafka, records.partitions());
            steps.applied(events, plan);
        }
    }

    /**
     * Seeks the partitions to their beginning and commits that position at once: another member they move to
     * replays them too, and a restart continues the replay rather than skipping it.
     */
    private void rewind(KafkaConsumer<String, byte[]> kafka, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, OffsetAndMetadata> beginnings = new HashMap<>();
        for (TopicPartition partition : partitions) {
            beginnings.put(partition, new OffsetAndMetadata(kafka.position(partition)));
            // a commit of records applied before the replay must not jump over it
            uncommitted.remove(partition);
        }
        rewound.addAll(partitions);
        log.info("Consumer {}: replaying {} from their beginning", groupId, partitions);
        try {
            kafka.commitSync(beginnings);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            log.info("Consumer {}: committing the beginning of {} failed ({}); the replay goes on", groupId, partitions, e.toString());
        }
    }

    /** Records on the partitions held, after the position; a partition not fetched yet counts 0. */
    private static long lag(KafkaConsumer<String, byte[]> kafka) {
        long lag = 0;
        for (TopicPartition partition : kafka.assignment()) {
            lag += kafka.currentLag(partition).orElse(0);
        }
        return lag;
    }

    private static void seekBack(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            kafka.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void commitUncommitted(KafkaConsumer<String, byte[]> kafka, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = uncommitted.get(partition);
            if (offset != null) {
                offsets.put(partition, offset);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(offsets);
            offsets.keySet().forEach(uncommitted::remove);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // the batch is applied and its versions recorded: if these records come again they are duplicates
            log.info("Consumer {}: committing {} failed ({}); records applied since may be delivered again", groupId, offsets.keySet(),
                    e.toString());
        }
    }

    private void commitOnClose(KafkaConsumer<String, byte[]> kafka) {
        try {
            commitUncommitted(kafka, List.copyOf(uncommitted.keySet()));
        } catch (WakeupException e) {
            // close() woke a consumer that was between blocking calls: the wake-up is spent, commit again
            commitUncommitted(kafka, List.copyOf(uncommitted.keySet()));
        }
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private final class CommitOnRevoke implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> kafka;

        CommitOnRevoke(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitUncommitted(kafka, partitions);
            partitions.forEach(uncommitted::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another member owns them already: committing would fail; its fence drops what it sees again
            partitions.forEach(uncommitted::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("Consumer {} assigned {}", groupId, partitions);
            if (replaying) {
                // here, before the first fetch: no record of the old position is read
                rewind(kafka, partitions.stream().filter(partition -> !rewound.contains(partition)).toList());
            }
        }
    }
}
