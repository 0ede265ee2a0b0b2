package dev.trellis.adapter.messaging.relay;

import dev.trellis.application.relay.ParkedEvent;
import dev.trellis.application.relay.ResendParkedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a parked event again (after the cause was fixed, e.g. the topic's max.message.bytes was
 * raised) with its original id and headers: one Kafka acknowledges leaves outbox_parked, one it
 * refuses again stays with the new reason.
 */
public final class ParkedEventReplay implements ResendParkedEvent {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventReplay.class);

    private final ParkedEvents parked;
    private final KafkaTemplate<String, String> kafka;
    private final CloudEvents cloudEvents;

    public ParkedEventReplay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, RelaySettings settings) {
        this.parked = new ParkedEvents(jdbc);
        this.kafka = kafka;
        this.cloudEvents = new CloudEvents(settings);
    }

    @Override
    public boolean resend(ParkedEvent event) throws InterruptedException {
        OutboxRecord record = new OutboxRecord(event.id(), event.position(), event.aggregateType(), event.aggregateId(),
                event.eventType(), event.payload(), event.traceParent(), event.createdAt(), null);
        try {
            kafka.send(cloudEvents.record(record)).get(60, TimeUnit.SECONDS);
            parked.remove(event.id());
            log.info("Replayed parked event {} ({} on {})", event.id(), event.eventType(), event.aggregateId());
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String reason = OutboxPublisher.describe(cause);
            parked.replayFailed(event.id(), reason);
            log.warn("Parked event {} was refused again: {}", event.id(), reason);
            return false;
        }
    }
}
