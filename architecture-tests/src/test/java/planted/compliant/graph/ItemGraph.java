package planted.compliant.graph;

import planted.compliant.event.consumer.ItemProjection;
import planted.compliant.event.contract.ItemEvent;

/** A downstream projection that uses the contract and the kit and nothing else of the platform. */
public class ItemGraph {
    private final ItemProjection fence = new ItemProjection();

    public boolean apply(ItemEvent event) {
        return fence.apply(event);
    }
}
