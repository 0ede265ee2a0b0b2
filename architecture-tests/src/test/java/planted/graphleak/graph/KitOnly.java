package planted.graphleak.graph;

import planted.graphleak.event.consumer.BatchPlan;
import planted.graphleak.event.contract.ItemEvent;

/** Allowed: the contract, the kit, the JDK and the projection's own classes. */
public class KitOnly {
    public long newest(BatchPlan plan) {
        return plan.upserts().stream().mapToLong(ItemEvent::version).max().orElse(0);
    }
}
