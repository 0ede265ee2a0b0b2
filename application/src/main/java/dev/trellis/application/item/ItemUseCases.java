package dev.trellis.application.item;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.event.Events;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.item.ItemId;
import dev.trellis.domain.item.ItemPage;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.tag.TagId;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The item use cases. Each write runs in one transaction that changes the item and appends its one
 * event to the outbox: both commit or neither does.
 */
public class ItemUseCases {

    public record CreateItemCommand(String title, String description, String content, ItemStatus status,
                                    String imageUrl, List<TagId> tagIds) {
    }

    /**
     * A partial update: an empty Optional leaves the field as it is; for nullable fields an
     * {@code Optional.of(Optional.empty())} clears it.
     */
    public record ItemPatch(Optional<String> title, Optional<Optional<String>> description,
                            Optional<Optional<String>> content, Optional<ItemStatus> status,
                            Optional<Optional<String>> imageUrl) {
    }

    private final ItemChanges changes;
    private final Clock clock;

    public ItemUseCases(ItemRepository items, TagRepository tags, FileRepository files, EventOutbox outbox, Clock clock) {
        this.changes = new ItemChanges(items, tags, files, outbox);
        this.clock = clock;
    }

    @Transactional
    public ItemDetails create(RequestContext caller, CreateItemCommand command) {
        List<TagId> tagIds = command.tagIds() == null ? List.of() : command.tagIds().stream().distinct().toList();
        changes.requireTags(tagIds);
        Instant now = clock.instant();
        Item item = Item.create(ItemId.generate(), caller.user(), new ItemTitle(command.title()), command.description(),
                command.content(), command.status(), WebUrl.parseOptional("imageUrl", command.imageUrl()), tagIds, now);
        return changes.saveAndRecord(item, true, EventType.ITEM_CREATED, caller, now);
    }

    @Transactional(readOnly = true)
    public ItemPage list(ItemQuery query) {
        return changes.items().findPage(query);
    }

    @Transactional(readOnly = true)
    public ItemDetails view(RequestContext caller, ItemId id) {
        return changes.items().findDetails(id).filter(details -> details.item().isOwnedBy(caller.user()))
                .orElseThrow(() -> new NotFound("item", id));
    }

    /** A status change makes the event {@code item.status_changed}; any other change {@code item.updated}. */
    @Transactional
    public ItemDetails update(RequestContext caller, ItemId id, Long ifMatch, ItemPatch patch) {
        Item item = changes.owned(caller, id);
        PreconditionFailed.check("item", id, ifMatch, item.version());
        Instant now = clock.instant();
        ItemStatus before = item.status();
        patch.title().ifPresent(title -> item.retitle(new ItemTitle(title), now));
        patch.description().ifPresent(description -> item.describe(description.orElse(null), now));
        patch.content().ifPresent(content -> item.rewrite(content.orElse(null), now));
        patch.imageUrl().ifPresent(url -> item.illustrate(WebUrl.parseOptional("imageUrl", url.orElse(null)), now));
        patch.status().ifPresent(status -> item.changeStatus(status, now));
        EventType type = item.status() != before ? EventType.ITEM_STATUS_CHANGED : EventType.ITEM_UPDATED;
        return changes.saveAndRecord(item, false, type, caller, now);
    }

    @Transactional
    public void delete(RequestContext caller, ItemId id, Long ifMatch) {
        Item item = changes.owned(caller, id);
        PreconditionFailed.check("item", id, ifMatch, item.version());
        changes.items().remove(id);
        changes.outbox().append(List.of(Events.itemDeleted(item, clock.instant(), caller.traceParent())));
    }

    /** Attaching a tag that is already attached changes nothing and writes no event. */
    @Transactional
    public ItemDetails attachTag(RequestContext caller, ItemId id, TagId tag) {
        Item item = changes.owned(caller, id);
        changes.requireTags(List.of(tag));
        Instant now = clock.instant();
        if (!item.attach(tag, now)) {
            return changes.items().findDetails(id).orElseThrow(() -> new NotFound("item", id));
        }
        return changes.saveAndRecord(item, false, EventType.ITEM_TAGS_CHANGED, caller, now);
    }

    /** A tag that is not attached is answered as a missing link (404). */
    @Transactional
    public ItemDetails detachTag(RequestContext caller, ItemId id, TagId tag) {
        Item item = changes.owned(caller, id);
        Instant now = clock.instant();
        if (!item.detach(tag, now)) {
            throw new NotFound("item tag", id + "/" + tag);
        }
        return changes.saveAndRecord(item, false, EventType.ITEM_TAGS_CHANGED, caller, now);
    }
}
