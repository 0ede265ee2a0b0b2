package planted.features.application.item;

import planted.features.application.RequestContext;
import planted.features.application.event.EventOutbox;
import planted.features.application.tag.TagLookup;

/** Violation: the item feature reads the tag feature directly (the outbox and the root are shared rooms). */
public class CreateItem {
    private final TagLookup tags;
    private final EventOutbox outbox;

    public CreateItem(TagLookup tags, EventOutbox outbox) {
        this.tags = tags;
        this.outbox = outbox;
    }

    public void handle(RequestContext caller, String tag) {
        if (tags.exists(tag)) {
            outbox.append(caller.user() + ":" + tag);
        }
    }
}
