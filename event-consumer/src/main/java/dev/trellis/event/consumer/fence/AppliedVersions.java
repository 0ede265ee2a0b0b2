package dev.trellis.event.consumer.fence;

import java.util.Collection;
import java.util.Map;

/**
 * The version fence, answered by the consumer's own store inside the transaction that applies the
 * batch, so that the check, the effect and the new version commit together: an effect is applied
 * exactly once although Kafka delivers at least once. {@link BatchPlanner} asks for the batch's
 * aggregates and for those their events name (an item's tags, a file's item, ...), to know which are
 * deleted. Aggregates the store does not know are absent from the answer (or {@link Applied#NOTHING}).
 *
 * <p>After applying a plan the store records it: the newest version of each upsert and deletion, and a
 * tombstone for each deletion ({@link dev.trellis.event.consumer.jdbc.JdbcAppliedVersions#record} does both for a SQL store).
 */
@FunctionalInterface
public interface AppliedVersions {

    Map<AggregateKey, Applied> of(Collection<AggregateKey> keys);
}
