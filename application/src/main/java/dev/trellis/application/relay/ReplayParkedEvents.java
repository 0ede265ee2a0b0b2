package dev.trellis.application.relay;

import java.util.List;
import java.util.Optional;

/**
 * Sends the parked events (all of them, or one by id) to Kafka again once the cause is fixed (e.g. the
 * topic's {@code max.message.bytes} was raised), oldest first; each one Kafka refuses again stays parked
 * and the others go on.
 */
public class ReplayParkedEvents {

    /** How many parked events were found, and of those how many Kafka acknowledged and refused again. */
    public record Replayed(int found, int published, int refused) {
    }

    private final FindParkedEvents events;
    private final ResendParkedEvent resend;

    public ReplayParkedEvents(FindParkedEvents events, ResendParkedEvent resend) {
        this.events = events;
        this.resend = resend;
    }

    public Replayed handle(Optional<String> eventId) throws InterruptedException {
        List<ParkedEvent> parked = events.parked(eventId);
        int published = 0;
        for (ParkedEvent event : parked) {
            if (resend.resend(event)) {
                published++;
            }
        }
        return new Replayed(parked.size(), published, parked.size() - published);
    }
}
