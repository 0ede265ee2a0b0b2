package dev.trellis.application.event;

import java.util.List;

/**
 * Where use cases put the events of a change. Must be called inside the use case's transaction:
 * the change and its events commit together or not at all. The relay reads the outbox from the
 * database's log, so nothing here marks an event as sent.
 */
public interface EventOutbox {

    void append(List<OutboxEvent> events);

    /** The events of one aggregate still in the outbox, in the order they were appended. */
    List<OutboxEvent> findByAggregate(String aggregateType, String aggregateId);
}
