package dev.trellis.application.testing;

import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.domain.shared.DataAccessFailure;

import java.util.List;

public final class InMemoryEventOutbox implements EventOutbox {

    private final InMemoryStore store;

    InMemoryEventOutbox(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void append(List<OutboxEvent> events) {
        for (OutboxEvent event : events) {
            if (store.outbox.stream().anyMatch(existing -> existing.id().equals(event.id()))) {
                throw new DataAccessFailure.DuplicateValue("outbox_pkey", null);
            }
            // the database stamps the aggregate's next version into the payload; so does the fake
            String key = event.aggregateType() + "/" + event.aggregateId();
            long version = store.aggregateVersions.merge(key, 1L, Long::sum);
            java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>(event.payload());
            payload.put("version", version);
            store.outbox.add(new OutboxEvent(event.id(), event.aggregateType(), event.aggregateId(), event.eventType(),
                    payload, event.occurredAt(), event.traceParent()));
        }
    }

    @Override
    public List<OutboxEvent> findByAggregate(String aggregateType, String aggregateId) {
        return store.outbox.stream()
                .filter(event -> event.aggregateType().equals(aggregateType) && event.aggregateId().equals(aggregateId))
                .toList();
    }
}
