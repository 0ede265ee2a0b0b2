package planted.graphleak.graph;

import planted.graphleak.domain.item.Item;
import planted.graphleak.event.contract.ItemEvent;

/** Violation: the projection builds the platform's domain object from an event. */
public class DomainGraph {
    public Item node(ItemEvent event) {
        return new Item(event.id(), "from the stream");
    }
}
