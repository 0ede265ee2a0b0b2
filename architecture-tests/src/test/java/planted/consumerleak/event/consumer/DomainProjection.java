package planted.consumerleak.event.consumer;

import planted.consumerleak.domain.item.Item;
import planted.consumerleak.event.contract.ItemEvent;

/** Violation: the kit builds the platform's domain object from an event. */
public class DomainProjection {
    public Item apply(ItemEvent event) {
        return new Item(event.id(), "from the stream");
    }
}
