package dev.trellis.application.item;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A partial change to one of the caller's items, at the version {@code ifMatch} names (when given).
 * A status change makes the event {@code item.status_changed}; any other change {@code item.updated}.
 */
public class UpdateItem {

    /**
     * An empty Optional leaves the field as it is; for nullable fields an {@code Optional.of(Optional.empty())}
     * clears it.
     */
    public record Command(ItemId item, Long ifMatch, Optional<String> title, Optional<Optional<String>> description,
                          Optional<Optional<String>> content, Optional<ItemStatus> status,
                          Optional<Optional<String>> imageUrl) {
    }

    private final ItemChanges changes;
    private final Clock clock;

    public UpdateItem(ItemRepository items, EventOutbox outbox, Clock clock) {
        this.changes = new ItemChanges(items, outbox);
        this.clock = clock;
    }

    @Transactional
    public ItemDetails handle(RequestContext caller, Command command) {
        Item item = changes.owned(caller, command.item());
        PreconditionFailed.check("item", command.item(), command.ifMatch(), item.version());
        Instant now = clock.instant();
        ItemStatus before = item.status();
        command.title().ifPresent(title -> item.retitle(new ItemTitle(title), now));
        command.description().ifPresent(description -> item.describe(description.orElse(null), now));
        command.content().ifPresent(content -> item.rewrite(content.orElse(null), now));
        command.imageUrl().ifPresent(url -> item.illustrate(WebUrl.parseOptional("imageUrl", url.orElse(null)), now));
        command.status().ifPresent(status -> item.changeStatus(status, now));
        EventType type = item.status() != before ? EventType.ITEM_STATUS_CHANGED : EventType.ITEM_UPDATED;
        return changes.saveAndRecord(item, false, type, caller, now);
    }
}
