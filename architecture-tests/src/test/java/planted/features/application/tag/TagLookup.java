package planted.features.application.tag;

import planted.features.application.event.EventOutbox;

/** Allowed on its own: a tag use case that writes to the shared outbox. */
public class TagLookup {
    private final EventOutbox outbox;

    public TagLookup(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public boolean exists(String tag) {
        outbox.append("looked up " + tag);
        return !tag.isBlank();
    }
}
