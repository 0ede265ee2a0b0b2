package dev.trellis.application.item;

import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.shared.TagId;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Takes a tag off one of the caller's items, with {@code item.tags_changed}. A tag that is not
 * attached is answered as a missing link (404).
 */
public class DetachTagFromItem {

    public record Command(ItemId item, TagId tag) {
    }

    private final ItemChanges changes;
    private final Clock clock;

    public DetachTagFromItem(ItemRepository items, EventOutbox outbox, Clock clock) {
        this.changes = new ItemChanges(items, outbox);
        this.clock = clock;
    }

    @Transactional
    public ItemDetails handle(RequestContext caller, Command command) {
        Item item = changes.owned(caller, command.item());
        Instant now = clock.instant();
        if (!item.detach(command.tag(), now)) {
            throw new NotFound("item tag", command.item() + "/" + command.tag());
        }
        return changes.saveAndRecord(item, false, EventType.ITEM_TAGS_CHANGED, caller, now);
    }
}
