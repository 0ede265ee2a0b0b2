package dev.trellis.application.item;

import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Puts an existing tag on one of the caller's items, with {@code item.tags_changed}. Attaching a tag
 * that is already attached changes nothing and writes no event.
 */
public class AttachTagToItem {

    public record Command(ItemId item, TagId tag) {
    }

    private final TagRepository tags;
    private final ItemChanges changes;
    private final Clock clock;

    public AttachTagToItem(ItemRepository items, TagRepository tags, EventOutbox outbox, Clock clock) {
        this.tags = tags;
        this.changes = new ItemChanges(items, outbox);
        this.clock = clock;
    }

    @Transactional
    public ItemDetails handle(RequestContext caller, Command command) {
        Item item = changes.owned(caller, command.item());
        ItemChanges.requireTags(tags, List.of(command.tag()));
        Instant now = clock.instant();
        if (!item.attach(command.tag(), now)) {
            return changes.stored(command.item());
        }
        return changes.saveAndRecord(item, false, EventType.ITEM_TAGS_CHANGED, caller, now);
    }
}
