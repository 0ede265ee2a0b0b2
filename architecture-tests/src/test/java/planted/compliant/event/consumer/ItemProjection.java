package planted.compliant.event.consumer;

import planted.compliant.event.contract.ItemEvent;

import java.util.HashMap;
import java.util.Map;

/** A consumer kit class that uses the contract and nothing else of the platform. */
public class ItemProjection {
    private final Map<String, Long> versions = new HashMap<>();

    public boolean apply(ItemEvent event) {
        return versions.merge(event.id(), event.version(), Math::max) == event.version();
    }
}
