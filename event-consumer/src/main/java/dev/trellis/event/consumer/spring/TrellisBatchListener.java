package dev.trellis.event.consumer.spring;

import dev.trellis.event.consumer.TrellisEventConsumer;
import dev.trellis.event.consumer.batch.BatchHandler;
import dev.trellis.event.consumer.batch.BatchSteps;
import dev.trellis.event.consumer.batch.EventTracing;
import dev.trellis.event.consumer.batch.ConsumerMetrics;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.gap.GapListener;
import dev.trellis.event.consumer.gap.SnapshotRequester;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.TrellisEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CommonContainerStoppingErrorHandler;
import org.springframework.kafka.listener.CommonDelegatingErrorHandler;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The kit for a service on spring-kafka: a batch listener on {@code byte[]} values that decodes the
 * records (naming {@code topic-partition@offset} in errors), hands the events to the service's
 * {@link BatchHandler}, then counts and reports the plan like {@link TrellisEventConsumer}. The container
 * commits the batch's offsets after it returned ({@link ContainerProperties.AckMode#BATCH}, the default).
 * Give the container {@link #errorHandler} so that a failed batch is retried (never skipped) and a record
 * that cannot be decoded stops the container (never skipped).
 */
public final class TrellisBatchListener implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(TrellisBatchListener.class);

    private final BatchSteps steps;
    private volatile EventDecodingException failure;

    public TrellisBatchListener(BatchHandler handler) {
        this(handler, GapListener.logging(), null);
    }

    /** @param snapshotRequester null unless the service may ask for snapshots */
    public TrellisBatchListener(BatchHandler handler, GapListener gapListener, SnapshotRequester snapshotRequester) {
        this(handler, gapListener, snapshotRequester, EventTracing.none());
    }

    /**
     * @param snapshotRequester null unless the service may ask for snapshots
     * @param tracing           spans around the handler, e.g. {@code OpenTelemetryEventTracing.of(openTelemetry, groupId)}
     */
    public TrellisBatchListener(BatchHandler handler, GapListener gapListener, SnapshotRequester snapshotRequester, EventTracing tracing) {
        this.steps = new BatchSteps(Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(gapListener, "gapListener"),
                snapshotRequester, Clock.systemUTC(), tracing);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        List<TrellisEvent> events;
        try {
            events = steps.decode(records);
        } catch (EventDecodingException e) {
            failure = e;
            log.error("A record this consumer cannot read; the container stops, nothing of its batch is committed: {}", e.getMessage());
            throw e;
        }
        BatchPlan plan;
        try {
            plan = steps.apply(events);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BatchFailedException(events.size(), e);
        }
        steps.applied(events, plan);
    }

    public ConsumerMetrics metrics() {
        return steps.metrics();
    }

    /** The record that stopped the container, when one did. */
    public Optional<EventDecodingException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The container's error handler for this listener: a batch whose handler threw is delivered again after
     * a backoff (doubling from {@code initial} up to {@code max}), for as long as it takes, never skipped; a
     * record that cannot be decoded stops the container (its offset stays uncommitted, so the container reads
     * it again once restarted with an upgraded contract).
     */
    public static CommonErrorHandler errorHandler(Duration initial, Duration max) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler retrying = new DefaultErrorHandler((record, e) -> {
            // only reached if the backoff ever ran out: refuse, so that the batch is sought back rather than skipped
            throw new IllegalStateException("a batch is never skipped", e);
        }, backOff);
        // everything is worth retrying: a failed batch is the service's store or code, not the record
        retrying.setClassifications(Map.of(), true);
        CommonDelegatingErrorHandler handler = new CommonDelegatingErrorHandler(retrying);
        handler.setCauseChainTraversing(true);
        handler.addDelegate(EventDecodingException.class, new CommonContainerStoppingErrorHandler());
        return handler;
    }

    /** The service's handler threw a checked exception. */
    public static final class BatchFailedException extends RuntimeException {
        BatchFailedException(int events, Exception cause) {
            super("applying a batch of " + events + " events failed: " + cause, cause);
        }
    }
}
