package dev.trellis.application.item;

import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.Events;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.event.contract.EventType;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/** What the item use cases share: finding the caller's item, checking tag ids, writing the event. */
final class ItemChanges {

    private final ItemRepository items;
    private final EventOutbox outbox;

    ItemChanges(ItemRepository items, EventOutbox outbox) {
        this.items = items;
        this.outbox = outbox;
    }

    /** The caller's item; another user's item is exactly as missing as one that does not exist. */
    Item owned(RequestContext caller, ItemId id) {
        return items.findById(id).filter(item -> item.isOwnedBy(caller.user()))
                .orElseThrow(() -> new NotFound("item", id));
    }

    /** The item as stored, in full. */
    ItemDetails stored(ItemId id) {
        return items.findDetails(id).orElseThrow(() -> new NotFound("item", id));
    }

    /** Writes the item and its one event; returns the item as stored, in full. */
    ItemDetails saveAndRecord(Item item, boolean isNew, EventType eventType, RequestContext caller, Instant at) {
        if (isNew) {
            items.add(item);
        } else {
            items.update(item);
        }
        ItemDetails stored = stored(item.id());
        outbox.append(List.of(Events.item(eventType, stored.item(), stored.files(), at, caller.traceParent())));
        return stored;
    }

    /** Every id names an existing tag; otherwise the same failure as the database's foreign key gives. */
    static void requireTags(TagRepository tags, Collection<TagId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        var found = new HashSet<>(tags.findAllById(ids).stream().map(tag -> tag.id()).toList());
        if (!found.containsAll(ids)) {
            throw new DataAccessFailure.MissingReference("item_tags_tag_id_fkey", null);
        }
    }
}
