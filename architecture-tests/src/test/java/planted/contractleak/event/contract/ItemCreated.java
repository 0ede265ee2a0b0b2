package planted.contractleak.event.contract;

import planted.contractleak.domain.item.ItemTitle;

/** Violation: the contract uses the platform's domain, which consumers must not need. */
public record ItemCreated(String id, ItemTitle title) {
}
