package dev.trellis.event.consumer.gap;

import dev.trellis.event.consumer.fence.Gap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks Trellis for a snapshot when a consumer sees a {@link Gap}, for a service that is allowed to: writes
 * a {@link SnapshotRequest} to {@code <prefix>.snapshot-requests} (key: the gap's owner, or {@code *}).
 * At most one request per user (and one for everything) per window, so that a consumer starting late,
 * which sees a gap on nearly every aggregate, asks once per user rather than once per event; a request
 * for everything covers every user within its window. A request that could not be written is logged and
 * may be made again; it never stops the consumer (the gap is logged and counted anyway).
 */
public final class SnapshotRequester implements AutoCloseable {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SnapshotRequester.class);

    private final Producer<String, String> producer;
    private final boolean ownsProducer;
    private final String topic;
    private final String requestedBy;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> lastRequested = new HashMap<>();

    /**
     * @param producer    writes the requests; not closed by {@link #close()}
     * @param topicPrefix the prefix of Trellis's topics ({@code trellis})
     * @param requestedBy names the consumer in the request's reason (its group id)
     * @param window      how long a request for a user covers further gaps of that user
     */
    public SnapshotRequester(Producer<String, String> producer, String topicPrefix, String requestedBy, Duration window, Clock clock) {
        this(producer, false, topicPrefix, requestedBy, window, clock);
    }

    private SnapshotRequester(Producer<String, String> producer, boolean ownsProducer, String topicPrefix, String requestedBy,
                              Duration window, Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ownsProducer = ownsProducer;
        this.topic = topic(topicPrefix);
        this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A requester with a producer of its own on {@code bootstrapServers}, closed with it. */
    public static SnapshotRequester create(String bootstrapServers, String topicPrefix, String requestedBy, Duration window,
                                           Map<String, Object> producerSettings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, requestedBy + "-snapshot-requests");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
        config.putAll(producerSettings);
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        return new SnapshotRequester(producer, true, topicPrefix, requestedBy, window, Clock.systemUTC());
    }

    /** {@code trellis.snapshot-requests}. */
    public static String topic(String topicPrefix) {
        return Objects.requireNonNull(topicPrefix, "topicPrefix") + ".snapshot-requests";
    }

    public String topic() {
        return topic;
    }

    /** Writes a request for the gap's owner unless one (or one for everything) was written within the window; true when written. */
    public synchronized boolean request(Gap gap) {
        Instant now = clock.instant();
        lastRequested.values().removeIf(at -> !at.plus(window).isAfter(now));
        SnapshotRequest request = new SnapshotRequest(gap.ownerId(), gap.aggregate().toString(),
                requestedBy + " saw a gap: " + gap, now);
        if (lastRequested.containsKey(request.key()) || lastRequested.containsKey(SnapshotRequest.EVERYTHING)) {
            return false;
        }
        try {
            producer.send(new ProducerRecord<>(topic, request.key(), request.toJson()))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not request a snapshot on {} for {}: {}", topic, request.key(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        lastRequested.put(request.key(), now);
        log.info("Requested a snapshot on {} for {} ({})", topic, request.key(), gap);
        return true;
    }

    @Override
    public void close() {
        if (ownsProducer) {
            producer.close(SEND_TIMEOUT);
        }
    }
}
