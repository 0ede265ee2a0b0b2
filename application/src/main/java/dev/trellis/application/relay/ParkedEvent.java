package dev.trellis.application.relay;

import java.time.Instant;

/**
 * An event Kafka refused for good: the outbox row as it was written (id, position, payload, trace
 * context), why it was refused, when it was parked and how many times it was tried.
 */
public record ParkedEvent(String id, long position, String aggregateType, String aggregateId, String eventType,
                          String payload, String traceParent, Instant createdAt,
                          String reason, Instant parkedAt, int attempts) {
}
