package dev.trellis.event.consumer.fence;

import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.TrellisEvent;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a batch of events comes to once the version fence and the tombstones are applied: for each
 * aggregate at most one event, its newest (every event carries the full state, so the newest is all
 * that matters), either an upsert or a deletion.
 *
 * @param upserts       the newest state of each aggregate that changed, in the order the batch first saw them
 * @param deletions     aggregates to remove and remember as deleted (also ones this consumer never saw)
 * @param gaps          aggregates whose versions skipped ahead: events that never reached this consumer
 * @param duplicates    events at or below the version already applied (re-deliveries, replays), dropped
 * @param superseded    events of the batch that a newer event of the same aggregate in the batch replaces
 * @param afterDeletion events of aggregates already deleted (a late or replayed event), dropped
 * @param deleted       every aggregate this plan knows to be gone: its own deletions, and those of the batch's
 *                      aggregates and of the aggregates its upserts name (an item's owner, tags and files, a
 *                      file's owner and item, a tag's creator) that the store remembers as deleted. An effect
 *                      asks {@link #isDeleted} before it links to, or creates a placeholder for, a named aggregate
 */
public record BatchPlan(List<TrellisEvent> upserts, List<TrellisEvent> deletions, List<Gap> gaps, int duplicates,
                        int superseded, int afterDeletion, Set<AggregateKey> deleted) {

    public BatchPlan {
        upserts = List.copyOf(upserts);
        deletions = List.copyOf(deletions);
        gaps = List.copyOf(gaps);
        Set<AggregateKey> all = new HashSet<>(deleted);
        deletions.forEach(event -> all.add(keyOf(event)));
        deleted = Set.copyOf(all);
    }

    public BatchPlan(List<TrellisEvent> upserts, List<TrellisEvent> deletions, List<Gap> gaps, int duplicates,
                     int superseded, int afterDeletion) {
        this(upserts, deletions, gaps, duplicates, superseded, afterDeletion, Set.of());
    }

    public static BatchPlan empty() {
        return new BatchPlan(List.of(), List.of(), List.of(), 0, 0, 0, Set.of());
    }

    public List<TrellisEvent> upserts(AggregateType type) {
        return upserts.stream().filter(event -> event.aggregate() == type).toList();
    }

    public List<TrellisEvent> deletions(AggregateType type) {
        return deletions.stream().filter(event -> event.aggregate() == type).toList();
    }

    /** Whether the aggregate is gone: deleted by this batch, or remembered as deleted by the store. */
    public boolean isDeleted(AggregateKey key) {
        return deleted.contains(key);
    }

    public boolean isDeleted(AggregateType type, String id) {
        return id != null && isDeleted(new AggregateKey(type, id));
    }

    /** The ids of {@code ids} that are not deleted, in their order: the references an effect may follow. */
    public List<String> withoutDeleted(AggregateType type, Collection<String> ids) {
        return ids.stream().filter(id -> !isDeleted(type, id)).toList();
    }

    /** Events that change the store. */
    public int applied() {
        return upserts.size() + deletions.size();
    }

    /** Every event the plan looked at: applied, duplicate, superseded or after a deletion. */
    public int received() {
        return applied() + duplicates + superseded + afterDeletion;
    }

    public boolean isEmpty() {
        return upserts.isEmpty() && deletions.isEmpty();
    }

    static AggregateKey keyOf(TrellisEvent event) {
        return AggregateKey.of(event);
    }
}
