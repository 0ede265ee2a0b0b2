package dev.trellis.adapter.persistence.outbox;

import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.domain.shared.OutboxEventId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * The {@code outbox} table; payloads are stored as {@code jsonb}. Appending marks the transaction as
 * one whose use case writes its own events (the V4 triggers then stay silent, except for cascades)
 * and stamps each payload with the aggregate's next {@code version}.
 */
public class OutboxPersistenceAdapter implements EventOutbox {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OutboxPersistenceAdapter(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void append(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        translate(() -> jdbc.sql("select set_config('trellis.events_by_app', 'on', true)").query(String.class).single());
        for (OutboxEvent event : events) {
            translate(() -> jdbc.sql("""
                            insert into outbox (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, created_at)
                            values (:id, :aggregateType, :aggregateId, :eventType,
                                    cast(:payload as jsonb) || jsonb_build_object('version', trellis_next_version(:aggregateType, :aggregateId)),
                                    :traceParent, :createdAt)""")
                    .param("id", event.id().value())
                    .param("aggregateType", event.aggregateType())
                    .param("aggregateId", event.aggregateId())
                    .param("eventType", event.eventType())
                    .param("payload", json.writeValueAsString(event.payload()))
                    .param("traceParent", event.traceParent())
                    .param("createdAt", utc(event.occurredAt()))
                    .update());
        }
    }

    @Override
    public List<OutboxEvent> findByAggregate(String aggregateType, String aggregateId) {
        return translate(() -> jdbc.sql("""
                        select id, aggregate_type, aggregate_id, event_type, payload::text as payload, trace_parent, created_at
                        from outbox where aggregate_type = :type and aggregate_id = :id order by position""")
                .param("type", aggregateType)
                .param("id", aggregateId)
                .query((rs, n) -> new OutboxEvent(new OutboxEventId(rs.getString("id")), rs.getString("aggregate_type"),
                        rs.getString("aggregate_id"), rs.getString("event_type"),
                        json.readValue(rs.getString("payload"), PAYLOAD), instant(rs, "created_at"),
                        rs.getString("trace_parent")))
                .list());
    }
}
