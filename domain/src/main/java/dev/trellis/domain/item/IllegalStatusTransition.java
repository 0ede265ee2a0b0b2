package dev.trellis.domain.item;

import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.DomainException;

/** A status change the item's life cycle does not allow, e.g. archived → published. */
public final class IllegalStatusTransition extends DomainException {

    private final ItemStatus from;
    private final ItemStatus to;

    public IllegalStatusTransition(ItemId item, ItemStatus from, ItemStatus to) {
        super("item.status.illegal_transition", "status",
                "item " + item + " cannot go from " + from.code() + " to " + to.code()
                        + " (allowed from " + from.code() + ": " + from.next().stream().map(ItemStatus::code).toList() + ")");
        this.from = from;
        this.to = to;
    }

    public ItemStatus from() {
        return from;
    }

    public ItemStatus to() {
        return to;
    }
}
