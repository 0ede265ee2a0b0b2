package dev.trellis.application.item;

import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A new item of the caller's, with {@code item.created} in the same transaction. Every tag id must
 * name an existing tag (repeats count once); a missing status means draft.
 */
public class CreateItem {

    public record Command(String title, String description, String content, ItemStatus status, String imageUrl,
                          List<TagId> tagIds) {
    }

    private final TagRepository tags;
    private final ItemChanges changes;
    private final Clock clock;

    public CreateItem(ItemRepository items, TagRepository tags, EventOutbox outbox, Clock clock) {
        this.tags = tags;
        this.changes = new ItemChanges(items, outbox);
        this.clock = clock;
    }

    @Transactional
    public ItemDetails handle(RequestContext caller, Command command) {
        List<TagId> tagIds = command.tagIds() == null ? List.of() : command.tagIds().stream().distinct().toList();
        ItemChanges.requireTags(tags, tagIds);
        Instant now = clock.instant();
        Item item = Item.create(ItemId.generate(), caller.user(), new ItemTitle(command.title()), command.description(),
                command.content(), command.status(), WebUrl.parseOptional("imageUrl", command.imageUrl()), tagIds, now);
        return changes.saveAndRecord(item, true, EventType.ITEM_CREATED, caller, now);
    }
}
