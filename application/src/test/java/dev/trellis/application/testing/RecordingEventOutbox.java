package dev.trellis.application.testing;

import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.OutboxEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * An outbox that hands every event on to another and remembers, in order, what was appended: a use
 * case test can then say "exactly this one event" or "no event at all" without knowing the ids.
 */
public final class RecordingEventOutbox implements EventOutbox {

    private final EventOutbox delegate;
    private final List<OutboxEvent> appended = new ArrayList<>();

    public RecordingEventOutbox(EventOutbox delegate) {
        this.delegate = delegate;
    }

    /** Remembers each event as the outbox now holds it (with the version it stamped), once the append went through. */
    @Override
    public void append(List<OutboxEvent> events) {
        delegate.append(events);
        for (OutboxEvent event : events) {
            appended.add(delegate.findByAggregate(event.aggregateType(), event.aggregateId()).stream()
                    .filter(stored -> stored.id().equals(event.id())).findFirst().orElse(event));
        }
    }

    @Override
    public List<OutboxEvent> findByAggregate(String aggregateType, String aggregateId) {
        return delegate.findByAggregate(aggregateType, aggregateId);
    }

    /** The event types appended so far, in order. */
    public List<String> eventTypes() {
        return appended.stream().map(OutboxEvent::eventType).toList();
    }

    public List<OutboxEvent> appended() {
        return List.copyOf(appended);
    }
}
