package dev.trellis.adapter.messaging.relay;

import dev.trellis.application.relay.FindParkedEvents;
import dev.trellis.application.relay.ParkedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Events Kafka refused for good ({@code outbox_parked}), kept with the reason until replayed. */
public final class ParkedEvents implements FindParkedEvents {

    private final JdbcClient jdbc;

    public ParkedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void park(OutboxRecord event, String reason) {
        jdbc.sql("""
                        insert into outbox_parked (id, position, aggregate_type, aggregate_id, event_type, payload, trace_parent, created_at, reason)
                        values (:id, :position, :aggregateType, :aggregateId, :eventType, :payload, :traceParent, :createdAt, :reason)
                        on conflict (id) do update set reason = excluded.reason, parked_at = now(), attempts = outbox_parked.attempts + 1""")
                .param("id", event.id())
                .param("position", event.position())
                .param("aggregateType", event.aggregateType())
                .param("aggregateId", event.aggregateId())
                .param("eventType", event.eventType())
                .param("payload", event.payload())
                .param("traceParent", event.traceParent())
                .param("createdAt", Timestamp.from(event.createdAt()))
                .param("reason", reason)
                .update();
    }

    /** Parked events, oldest first; all of them without an {@code eventId}. */
    @Override
    public List<ParkedEvent> parked(Optional<String> eventId) {
        return jdbc.sql("""
                        select id, position, aggregate_type, aggregate_id, event_type, payload, trace_parent, created_at,
                               reason, parked_at, attempts
                        from outbox_parked where cast(:id as text) is null or id = :id order by position""")
                .param("id", eventId.orElse(null))
                .query((rs, n) -> new ParkedEvent(rs.getString("id"), rs.getLong("position"),
                        rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.getString("event_type"),
                        rs.getString("payload"), rs.getString("trace_parent"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("reason"), rs.getTimestamp("parked_at").toInstant(), rs.getInt("attempts")))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from outbox_parked").query(Long.class).single();
    }

    void remove(String eventId) {
        jdbc.sql("delete from outbox_parked where id = ?").param(eventId).update();
    }

    void replayFailed(String eventId, String reason) {
        jdbc.sql("update outbox_parked set reason = ?, attempts = attempts + 1 where id = ?").params(reason, eventId).update();
    }
}
