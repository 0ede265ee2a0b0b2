package dev.trellis.adapter.messaging.relay;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.Instant;
import java.util.Optional;

/**
 * One outbox row as the replication stream delivered it.
 *
 * @param committedAt when its transaction committed (PostgreSQL's commit time), for the latency
 *                    metric; null for rows read by the initial snapshot
 */
public record OutboxRecord(String id, long position, String aggregateType, String aggregateId, String eventType,
                           String payload, String traceParent, Instant createdAt, Instant committedAt) {

    /**
     * The outbox row a change record carries; empty for Debezium's own records (heartbeats) and for
     * anything but an insert or a snapshot read.
     */
    static Optional<OutboxRecord> from(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("after") == null) {
            return Optional.empty();
        }
        String operation = envelope.getString("op");
        Struct after = envelope.getStruct("after");
        if (after == null || !("c".equals(operation) || "r".equals(operation))) {
            return Optional.empty();
        }
        Struct source = envelope.getStruct("source");
        Instant committedAt = "c".equals(operation) && source != null && source.getInt64("ts_ms") != null
                ? Instant.ofEpochMilli(source.getInt64("ts_ms")) : null;
        return Optional.of(new OutboxRecord(after.getString("id"), after.getInt64("position"),
                after.getString("aggregate_type"), after.getString("aggregate_id"), after.getString("event_type"),
                after.getString("payload"), after.getString("trace_parent"),
                Instant.parse(after.getString("created_at")), committedAt));
    }
}
