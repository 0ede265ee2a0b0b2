package dev.trellis.application.testing;

import dev.trellis.application.port.out.EventOutbox;
import dev.trellis.application.port.out.OutboxEvent;
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
            store.outbox.add(event);
        }
    }

    @Override
    public List<OutboxEvent> findByAggregate(String aggregateType, String aggregateId) {
        return store.outbox.stream()
                .filter(event -> event.aggregateType().equals(aggregateType) && event.aggregateId().equals(aggregateId))
                .toList();
    }
}
