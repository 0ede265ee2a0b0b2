package dev.trellis.adapter.messaging.relay;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Publishes each batch Debezium hands over and acknowledges it only once Kafka has acknowledged
 * every event in it (or the event was parked), so an offset never runs ahead of Kafka: after a
 * crash the unacknowledged tail is sent again (at least once). A send Kafka does not acknowledge
 * is retried, from that event on and in order, with backoff until it succeeds or the relay stops;
 * an event Kafka refuses for good (too large, invalid) is parked and the rest go on.
 */
final class OutboxPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final KafkaTemplate<String, String> kafka;
    private final CloudEvents cloudEvents;
    private final ParkedEvents parked;
    private final RelayProgress progress;
    private final RelayMetrics metrics;
    private final BooleanSupplier stopping;
    private final Clock clock;
    private final PublishTracing tracing;
    // a broker outage shows in health: since when sends have been failing, and the last reason
    private volatile Instant failingSince;
    private volatile String lastFailure;

    OutboxPublisher(KafkaTemplate<String, String> kafka, CloudEvents cloudEvents, ParkedEvents parked,
                    RelayProgress progress, RelayMetrics metrics, BooleanSupplier stopping, Clock clock, PublishTracing tracing) {
        this.kafka = kafka;
        this.cloudEvents = cloudEvents;
        this.parked = parked;
        this.progress = progress;
        this.metrics = metrics;
        this.stopping = stopping;
        this.clock = clock;
        this.tracing = tracing;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<OutboxRecord> events = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> record : records) {
            OutboxRecord.from(record.record()).ifPresent(events::add);
        }
        int published = publishAll(events);
        for (RecordChangeEvent<SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
        if (!events.isEmpty()) {
            metrics.relayed(published);
            advanceProgress(events.get(events.size() - 1).position());
        }
    }

    /** Sends every event until Kafka has acknowledged or refused each; returns how many it acknowledged. */
    private int publishAll(List<OutboxRecord> events) throws InterruptedException {
        int acknowledged = 0;
        int next = 0;
        Duration backoff = FIRST_BACKOFF;
        while (next < events.size()) {
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(events.size() - next);
            for (int i = next; i < events.size(); i++) {
                sends.add(send(events.get(i)));
            }
            int failedAt = -1;
            for (int i = 0; i < sends.size(); i++) {
                OutboxRecord event = events.get(next + i);
                Optional<Throwable> failure = outcome(sends.get(i));
                if (failure.isEmpty()) {
                    acknowledged++;
                    if (event.committedAt() != null) {
                        metrics.latency(Duration.between(event.committedAt(), clock.instant()));
                    }
                } else if (refusedForGood(failure.get())) {
                    park(event, failure.get());
                } else {
                    failedAt = next + i;
                    lastFailure = "Kafka: " + describe(failure.get());
                    metrics.failed();
                    log.warn("Kafka did not acknowledge event {} ({} on {}): {}; retrying from it in {} ms",
                            event.id(), event.eventType(), event.aggregateId(), describe(failure.get()), backoff.toMillis());
                    break;
                }
            }
            if (failedAt < 0) {
                failingSince = null;
                lastFailure = null;
                return acknowledged;
            }
            if (failingSince == null) {
                failingSince = clock.instant();
            }
            settle(sends); // the sends after the failure finish first, so a resend cannot overtake them
            if (stopping.getAsBoolean()) {
                throw new InterruptedException("the relay is stopping; " + (events.size() - failedAt) + " events will be sent again");
            }
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            next = failedAt;
        }
        return acknowledged;
    }

    /** Since when Kafka has not acknowledged the batch in hand; null while sends succeed. */
    Instant failingSince() {
        return failingSince;
    }

    String lastFailure() {
        return lastFailure;
    }

    private CompletableFuture<SendResult<String, String>> send(OutboxRecord event) {
        ProducerRecord<String, String> record;
        try {
            record = cloudEvents.record(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return tracing.send(event, record, this::sendNow);
    }

    private CompletableFuture<SendResult<String, String>> sendNow(ProducerRecord<String, String> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException e) { // KafkaTemplate throws, rather than failing the future, e.g. when metadata times out
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Optional<Throwable> outcome(CompletableFuture<SendResult<String, String>> send) throws InterruptedException {
        try {
            RecordMetadata ignored = send.get().getRecordMetadata();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause() == null ? e : e.getCause());
        }
    }

    private static void settle(List<CompletableFuture<SendResult<String, String>>> sends) throws InterruptedException {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException ignored) {
            // their outcomes do not matter: they are sent again
        }
    }

    /** Kafka refuses the event itself, not the moment: sending it again can never succeed. */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidRecordException || cause instanceof InvalidTopicException
                    || cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    private void park(OutboxRecord event, Throwable failure) {
        String reason = describe(failure);
        parked.park(event, reason);
        metrics.parked();
        log.error("Parked event {} ({} on {}, {} bytes): Kafka refused it for good: {}. "
                        + "It is kept in outbox_parked; replay it with `java -jar trellis-app.jar relay replay-parked --id={}`",
                event.id(), event.eventType(), event.aggregateId(), event.payload().length(), reason, event.id());
    }

    private void advanceProgress(long position) {
        try {
            progress.advanceTo(position);
        } catch (RuntimeException e) {
            // only retention reads it: a late update delays deletion, it loses nothing
            log.warn("Could not record the relay's progress ({}); retention waits for the next batch", e.getMessage());
        }
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && root instanceof org.springframework.kafka.KafkaException) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
