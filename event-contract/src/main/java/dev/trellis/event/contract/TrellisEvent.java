package dev.trellis.event.contract;

import dev.trellis.event.contract.payload.EventPayload;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One decoded event: its CloudEvents attributes and its typed payload.
 *
 * @param id            {@code ce_id}, the event id ({@code obx_…}); the same on every re-delivery
 * @param type          {@code ce_type} without its {@code dev.trellis.} prefix
 * @param source        {@code ce_source}
 * @param subject       {@code ce_subject}, the aggregate id (the record's key)
 * @param time          {@code ce_time}, when the change happened
 * @param dataSchema    {@code ce_dataschema}, the payload's schema; null for records written before it existed
 * @param schemaVersion {@code ce_schemaversion}, the payload's shape
 * @param traceParent   {@code ce_traceparent}, or null when no request caused the change
 * @param payload       the payload, typed by {@link EventType#payloadType()}
 */
public record TrellisEvent(String id, EventType type, String source, String subject, Instant time, URI dataSchema,
                           int schemaVersion, String traceParent, EventPayload payload) {

    public TrellisEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(payload, "payload");
    }

    public AggregateType aggregate() {
        return type.aggregate();
    }

    /** The aggregate's event version the payload carries. */
    public long version() {
        return payload.version();
    }
}
