package dev.trellis.adapter.messaging.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends parked events again (after the cause was fixed, e.g. the topic's max.message.bytes was
 * raised): each with its original id and headers; one Kafka acknowledges leaves outbox_parked, one it
 * refuses again stays with the new reason.
 */
public final class ParkedEventReplay {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventReplay.class);

    private final ParkedEvents parked;
    private final KafkaTemplate<String, String> kafka;
    private final CloudEvents cloudEvents;

    public ParkedEventReplay(DataSource dataSource, KafkaTemplate<String, String> kafka, RelaySettings settings) {
        this.parked = new ParkedEvents(JdbcClient.create(dataSource));
        this.kafka = kafka;
        this.cloudEvents = new CloudEvents(settings);
    }

    /** Replays one parked event ({@code eventId}) or all of them (null). */
    public Result replay(String eventId) throws InterruptedException {
        int published = 0;
        int refused = 0;
        var events = parked.find(eventId);
        for (ParkedEvents.Parked event : events) {
            try {
                kafka.send(cloudEvents.record(event.event())).get(60, TimeUnit.SECONDS);
                parked.remove(event.event().id());
                published++;
                log.info("Replayed parked event {} ({} on {})", event.event().id(), event.event().eventType(), event.event().aggregateId());
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                String reason = OutboxPublisher.describe(cause);
                parked.replayFailed(event.event().id(), reason);
                refused++;
                log.warn("Parked event {} was refused again: {}", event.event().id(), reason);
            }
        }
        return new Result(events.size(), published, refused);
    }

    public record Result(int found, int published, int refused) {
    }
}
