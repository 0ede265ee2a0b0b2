package dev.trellis.application.relay;

import java.util.List;
import java.util.Optional;

/** Which events are parked: all of them, or the one with an id; oldest (outbox position) first. */
public interface FindParkedEvents {

    List<ParkedEvent> parked(Optional<String> eventId);
}
