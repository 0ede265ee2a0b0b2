package planted.consumerleak.event.consumer;

import planted.consumerleak.event.contract.ItemEvent;

/** Allowed: the contract and the JDK. */
public class ContractOnly {
    public long versionOf(ItemEvent event) {
        return event.version();
    }
}
