package dev.trellis.application.item;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.Events;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** Removes one of the caller's items, at the version {@code ifMatch} names (when given), with {@code item.deleted}. */
public class DeleteItem {

    public record Command(ItemId item, Long ifMatch) {
    }

    private final ItemRepository items;
    private final EventOutbox outbox;
    private final ItemChanges changes;
    private final Clock clock;

    public DeleteItem(ItemRepository items, EventOutbox outbox, Clock clock) {
        this.items = items;
        this.outbox = outbox;
        this.changes = new ItemChanges(items, outbox);
        this.clock = clock;
    }

    @Transactional
    public void handle(RequestContext caller, Command command) {
        Item item = changes.owned(caller, command.item());
        PreconditionFailed.check("item", command.item(), command.ifMatch(), item.version());
        items.remove(command.item());
        outbox.append(List.of(Events.itemDeleted(item, clock.instant(), caller.traceParent())));
    }
}
