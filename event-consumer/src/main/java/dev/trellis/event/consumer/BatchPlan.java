package dev.trellis.event.consumer;

import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.TrellisEvent;

import java.util.List;

/**
 * What a batch of events comes to once the version fence and the tombstones are applied: for each
 * aggregate at most one event, its newest (every event carries the full state, so the newest is all
 * that matters), either an upsert or a deletion.
 *
 * @param upserts      the newest state of each aggregate that changed, in the order the batch first saw them
 * @param deletions    aggregates to remove and remember as deleted (also ones this consumer never saw)
 * @param gaps         aggregates whose versions skipped ahead: events that never reached this consumer
 * @param duplicates   events at or below the version already applied (re-deliveries, replays), dropped
 * @param superseded   events of the batch that a newer event of the same aggregate in the batch replaces
 * @param afterDeletion events of aggregates already deleted (a late or replayed event), dropped
 */
public record BatchPlan(List<TrellisEvent> upserts, List<TrellisEvent> deletions, List<Gap> gaps, int duplicates,
                        int superseded, int afterDeletion) {

    public BatchPlan {
        upserts = List.copyOf(upserts);
        deletions = List.copyOf(deletions);
        gaps = List.copyOf(gaps);
    }

    public List<TrellisEvent> upserts(AggregateType type) {
        return upserts.stream().filter(event -> event.aggregate() == type).toList();
    }

    public List<TrellisEvent> deletions(AggregateType type) {
        return deletions.stream().filter(event -> event.aggregate() == type).toList();
    }

    /** Events that change the store. */
    public int applied() {
        return upserts.size() + deletions.size();
    }

    public boolean isEmpty() {
        return upserts.isEmpty() && deletions.isEmpty();
    }
}
