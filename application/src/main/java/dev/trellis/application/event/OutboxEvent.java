package dev.trellis.application.event;

import dev.trellis.domain.shared.OutboxEventId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event for downstream services, written in the same transaction as the change it reports.
 * {@code payload} is plain data (maps, lists, strings, numbers, booleans, nulls) that the outbox
 * adapter stores as JSON; {@code traceParent} is the W3C trace context of the request that caused
 * it, when there was one.
 */
public record OutboxEvent(OutboxEventId id, String aggregateType, String aggregateId, String eventType,
                          Map<String, Object> payload, Instant occurredAt, String traceParent) {

    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        requireText(aggregateType, "aggregateType");
        requireText(aggregateId, "aggregateId");
        requireText(eventType, "eventType");
        payload = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(payload, "payload")));
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
