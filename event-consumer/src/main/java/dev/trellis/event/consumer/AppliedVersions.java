package dev.trellis.event.consumer;

import java.util.Collection;
import java.util.Map;

/**
 * The version fence, answered by the consumer's own store inside the transaction that applies the
 * batch, so that the check, the effect and the new version commit together: an effect is applied
 * exactly once although Kafka delivers at least once. Aggregates the store does not know are absent
 * from the answer (or {@link Applied#NOTHING}).
 */
@FunctionalInterface
public interface AppliedVersions {

    Map<AggregateKey, Applied> of(Collection<AggregateKey> keys);
}
