package dev.trellis.application.relay;

import java.util.List;
import java.util.Optional;

/** The events Kafka refused for good, with their reasons (all of them, or one by id), for an operator to look at. */
public class ListParkedEvents {

    private final FindParkedEvents events;

    public ListParkedEvents(FindParkedEvents events) {
        this.events = events;
    }

    public List<ParkedEvent> handle(Optional<String> eventId) {
        return events.parked(eventId);
    }
}
