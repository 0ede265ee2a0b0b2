package dev.trellis.event.consumer;

import dev.trellis.event.consumer.batch.BatchHandler;
import dev.trellis.event.consumer.batch.BatchSteps;
import dev.trellis.event.consumer.batch.ConsumerMetrics;
import dev.trellis.event.consumer.batch.EventTracing;
import dev.trellis.event.consumer.gap.GapListener;
import dev.trellis.event.consumer.gap.SnapshotRequester;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows Trellis's four topics with the plain Kafka client and hands each poll's decoded events to the
 * service's {@link BatchHandler}; no Spring needed.
 * <ul>
 *   <li>Offsets are committed (synchronously) only after the handler returned: at least once.</li>
 *   <li>A handler that throws gets the same records again, after a backoff that doubles up to a maximum;
 *       nothing is skipped.</li>
 *   <li>A record that cannot be decoded (an unknown {@code schemaVersion} or type, a malformed payload)
 *       stops the consumer: {@link #state()} is {@link State#FAILED}, {@link #failure()} says which record
 *       and what to do, and nothing of that poll is committed, so a restarted consumer reads it again.</li>
 *   <li>Gaps go to the {@link GapListener} (a WARN line by default) and, when allowed, to a
 *       {@link SnapshotRequester}.</li>
 *   <li>{@link #close()} wakes the loop up and commits what was applied; partitions taken away by a
 *       rebalance get their applied offsets committed first.</li>
 *   <li>{@link #resetToBeginning()} replays: each partition from its beginning, those held now and those
 *       assigned later.</li>
 * </ul>
 */
public final class TrellisEventConsumer implements AutoCloseable {

    public enum State { CREATED, RUNNING, RETRYING, STOPPED, FAILED }

    /** Where a group that has committed nothing yet starts. */
    public enum StartPosition { EARLIEST, LATEST }

    private static final Logger log = LoggerFactory.getLogger(TrellisEventConsumer.class);

    private final Map<String, Object> kafkaConfig;
    private final String groupId;
    private final SnapshotRequester snapshotRequester;
    private final boolean ownsSnapshotRequester;
    private final BatchSteps steps;
    private final PollLoop pollLoop;

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile State state = State.CREATED;
    private volatile Throwable failure;
    private volatile Thread thread;

    private TrellisEventConsumer(Builder builder) {
        this.groupId = builder.groupId;
        List<String> topics = Topics.all(builder.topicPrefix);
        SnapshotRequester requester = builder.snapshotRequester;
        if (requester == null && builder.snapshotRequestWindow != null) {
            requester = SnapshotRequester.create(builder.bootstrapServers, builder.topicPrefix, builder.groupId,
                    builder.snapshotRequestWindow, producerSettingsFrom(builder.kafkaProperties));
            this.ownsSnapshotRequester = true;
        } else {
            this.ownsSnapshotRequester = false;
        }
        this.snapshotRequester = requester;
        this.steps = new BatchSteps(builder.handler, builder.gapListener, requester, builder.clock, builder.tracing);
        this.pollLoop = new PollLoop(topics, builder.groupId, builder.pollTimeout, builder.initialBackoff, builder.maxBackoff, steps,
                closing, now -> state = now);
        Map<String, Object> config = new HashMap<>(builder.kafkaProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, builder.groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, builder.startPosition.name().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, builder.maxPollRecords);
        // the relay creates the topics with their partitions; a consumer must not create them first
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, builder.groupId + "-" + Long.toHexString(System.nanoTime()));
        this.kafkaConfig = Map.copyOf(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the loop on a thread of its own ({@code trellis-events-<group>}); returns at once. */
    public TrellisEventConsumer start() {
        Thread loop = new Thread(this::run, "trellis-events-" + groupId);
        loop.setUncaughtExceptionHandler((t, e) -> log.error("Consumer {} died", groupId, e));
        thread = loop;
        loop.start();
        return this;
    }

    /** Runs the loop on the calling thread until {@link #close()} or a failure. Once per consumer. */
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("consumer " + groupId + " already ran");
        }
        state = State.RUNNING;
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(kafkaConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            if (closing.getCount() == 0) {
                return;
            }
            pollLoop.run(kafka);
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            consumer = null;
            if (state != State.FAILED) {
                state = State.STOPPED;
            }
            if (ownsSnapshotRequester) {
                snapshotRequester.close();
            }
            terminated.countDown();
        }
    }

    private void fail(Throwable e) {
        failure = e;
        state = State.FAILED;
        if (e instanceof EventDecodingException) {
            log.error("Consumer {} stopped on a record it cannot read; nothing of its batch was committed: {}", groupId, e.getMessage());
        } else {
            log.error("Consumer {} stopped", groupId, e);
        }
    }

    /**
     * Replays from the beginning every partition this consumer is assigned: those it holds now (at its next
     * poll), and each one assigned to it later for the first time since the call, e.g. all of them at its first
     * assignment when called before {@link #run()}. A partition that comes back after a rebalance is not rewound
     * again: it continues where the group's committed offset says. The beginning is committed as soon as a
     * partition is rewound. With the fence in place, every replayed event is a duplicate.
     */
    public void resetToBeginning() {
        pollLoop.resetToBeginning();
    }

    /**
     * Whether a broker answers a metadata request within {@code timeout}, with this consumer's settings: a
     * start-up check, since the Kafka client itself waits and retries silently for as long as no broker answers.
     */
    public boolean brokersAnswer(Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, kafkaConfig.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-check");
        KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            probe.listTopics(timeout);
            return true;
        } catch (TimeoutException e) {
            return false;
        } finally {
            probe.close(Duration.ZERO);
        }
    }

    public State state() {
        return state;
    }

    /** Why the consumer stopped on its own: an {@link EventDecodingException} naming the record, or another error. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public ConsumerMetrics metrics() {
        return steps.metrics();
    }

    public String groupId() {
        return groupId;
    }

    /** Waits for the loop to end (closed or failed); true when it did. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the loop (after the batch in hand), commits what was applied, and waits up to 30 s for it. */
    @Override
    public void close() {
        closing.countDown();
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        if (!started.get()) {
            if (ownsSnapshotRequester) {
                snapshotRequester.close();
            }
            return;
        }
        Thread loop = thread;
        if (loop != null && loop != Thread.currentThread()) {
            try {
                if (!awaitTermination(Duration.ofSeconds(30))) {
                    log.warn("Consumer {} did not stop within 30 s", groupId);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, Object> producerSettingsFrom(Map<String, Object> kafkaProperties) {
        // connection and security settings apply to the snapshot requests' producer too; consumer-only ones do not
        Map<String, Object> settings = new HashMap<>();
        kafkaProperties.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    public static final class Builder {

        private String bootstrapServers;
        private String groupId;
        private String topicPrefix = Topics.DEFAULT_PREFIX;
        private StartPosition startPosition = StartPosition.EARLIEST;
        private int maxPollRecords = 500;
        private Duration pollTimeout = Duration.ofSeconds(1);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private BatchHandler handler;
        private GapListener gapListener = GapListener.logging();
        private SnapshotRequester snapshotRequester;
        private Duration snapshotRequestWindow;
        private final Map<String, Object> kafkaProperties = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private EventTracing tracing = EventTracing.none();

        private Builder() {
        }

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** The consumer group: the service's name ({@code graph-sync}); also names the consumer in logs and metrics. */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** The prefix of Trellis's topics, {@code trellis} by default: follows {@code <prefix>.user/item/tag/file}. */
        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
            return this;
        }

        /** Where a new group starts: {@link StartPosition#EARLIEST} (the default) reads everything the topics hold. */
        public Builder newGroupStartsFrom(StartPosition startPosition) {
            this.startPosition = startPosition;
            return this;
        }

        /** The most records one poll, so one batch, holds (500 by default). */
        public Builder maxPollRecords(int maxPollRecords) {
            if (maxPollRecords < 1) {
                throw new IllegalArgumentException("maxPollRecords must be at least 1");
            }
            this.maxPollRecords = maxPollRecords;
            return this;
        }

        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
            return this;
        }

        /** After a failed batch: wait {@code initial}, then twice as long each time, at most {@code max} (1 s, 30 s by default). */
        public Builder retryBackoff(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("retry backoff: 0 < initial <= max");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder handler(BatchHandler handler) {
            this.handler = handler;
            return this;
        }

        public Builder gapListener(GapListener gapListener) {
            this.gapListener = gapListener;
            return this;
        }

        /** Opt-in: on a gap, ask for a snapshot of its owner on {@code <prefix>.snapshot-requests}, once per user per window. */
        public Builder requestSnapshotsOnGaps(Duration window) {
            this.snapshotRequestWindow = window;
            return this;
        }

        /** Opt-in, with a requester of the service's own (not closed by the consumer). */
        public Builder snapshotRequester(SnapshotRequester snapshotRequester) {
            this.snapshotRequester = snapshotRequester;
            return this;
        }

        /** Any other consumer setting (security, session timeout, ...); the kit's own settings win over these. */
        public Builder kafkaProperty(String name, Object value) {
            kafkaProperties.put(name, value);
            return this;
        }

        /**
         * Opt-in: spans around the handler, e.g. {@code OpenTelemetryEventTracing.of(openTelemetry, groupId)}: a
         * consumer span per event that continues the trace of its {@code ce_traceparent}.
         */
        public Builder tracing(EventTracing tracing) {
            this.tracing = tracing;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public TrellisEventConsumer build() {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(topicPrefix, "topicPrefix");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(gapListener, "gapListener");
            Objects.requireNonNull(tracing, "tracing");
            return new TrellisEventConsumer(this);
        }
    }
}
