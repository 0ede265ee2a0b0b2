package dev.trellis.event.consumer.fence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A store's fence in memory, recording a plan as JdbcAppliedVersions does; for the planner's unit tests. */
final class InMemoryAppliedVersions implements AppliedVersions {

    final Map<AggregateKey, Applied> applied = new HashMap<>();
    final Map<AggregateKey, Integer> asked = new HashMap<>();

    @Override
    public Map<AggregateKey, Applied> of(Collection<AggregateKey> keys) {
        Map<AggregateKey, Applied> answer = new HashMap<>();
        for (AggregateKey key : keys) {
            asked.merge(key, 1, Integer::sum);
            if (applied.containsKey(key)) {
                answer.put(key, applied.get(key));
            }
        }
        return answer;
    }

    void record(BatchPlan plan) {
        plan.upserts().forEach(event -> applied.merge(BatchPlan.keyOf(event), new Applied(event.version(), false),
                (old, now) -> old.deleted() || old.version() >= now.version() ? old : now));
        plan.deletions().forEach(event -> applied.merge(BatchPlan.keyOf(event), new Applied(event.version(), true),
                (old, now) -> old.deleted() ? old : now));
    }
}
