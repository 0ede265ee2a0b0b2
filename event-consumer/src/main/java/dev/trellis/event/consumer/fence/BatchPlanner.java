package dev.trellis.event.consumer.fence;

import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.EventPayload;
import dev.trellis.event.contract.payload.FileDeleted;
import dev.trellis.event.contract.payload.FileState;
import dev.trellis.event.contract.payload.ItemDeleted;
import dev.trellis.event.contract.payload.ItemState;
import dev.trellis.event.contract.payload.TagDeleted;
import dev.trellis.event.contract.payload.TagState;
import dev.trellis.event.contract.payload.UserDeleted;
import dev.trellis.event.contract.payload.UserState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a batch of events (any topics, any partitions) into a {@link BatchPlan} against what the
 * consumer's store has applied. The rules, from the contract (EVENTS.md):
 * <ul>
 *   <li>an event whose version is not above the applied one is a duplicate or a replay: dropped;</li>
 *   <li>an aggregate remembered as deleted never comes back, whatever arrives for it later; within a
 *       batch, nothing after an aggregate's deletion counts either;</li>
 *   <li>of one aggregate's events in the batch only the newest counts: each carries the full state;</li>
 *   <li>a version that is not the next one is a gap, reported; the newest state is still applied (it is
 *       complete), so a gap costs nothing but the history in between. A snapshot event never opens a gap
 *       (it is the remedy: the versions before it are folded into its state), nor does the deletion of an
 *       aggregate the consumer never saw; an aggregate that ends deleted reports none (nothing is left to
 *       repair);</li>
 *   <li>the plan knows which of the batch's aggregates, and of the aggregates its upserts name, are
 *       deleted ({@link BatchPlan#isDeleted}), so that a late {@code file.updated} naming a deleted item,
 *       or an {@code item.tags_changed} naming a deleted tag, brings neither back.</li>
 * </ul>
 */
public final class BatchPlanner {

    private static final Comparator<TrellisEvent> BY_VERSION = Comparator.comparingLong(TrellisEvent::version);

    private BatchPlanner() {
    }

    public static BatchPlan plan(List<TrellisEvent> batch, AppliedVersions store) {
        Map<AggregateKey, List<TrellisEvent>> byAggregate = new LinkedHashMap<>();
        Set<AggregateKey> named = new LinkedHashSet<>();
        for (TrellisEvent event : batch) {
            byAggregate.computeIfAbsent(BatchPlan.keyOf(event), key -> new ArrayList<>()).add(event);
            named.addAll(referencesOf(event.payload()));
        }
        if (byAggregate.isEmpty()) {
            return BatchPlan.empty();
        }
        Set<AggregateKey> asked = new LinkedHashSet<>(byAggregate.keySet());
        asked.addAll(named);
        Map<AggregateKey, Applied> applied = store.of(asked);
        Set<AggregateKey> deleted = new HashSet<>();
        applied.forEach((key, known) -> {
            if (known != null && known.deleted()) {
                deleted.add(key);
            }
        });

        List<TrellisEvent> upserts = new ArrayList<>();
        List<TrellisEvent> deletions = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        int duplicates = 0;
        int superseded = 0;
        int afterDeletion = 0;
        for (Map.Entry<AggregateKey, List<TrellisEvent>> entry : byAggregate.entrySet()) {
            Applied known = applied.getOrDefault(entry.getKey(), Applied.NOTHING);
            if (known == null) {
                known = Applied.NOTHING;
            }
            List<TrellisEvent> events = new ArrayList<>(entry.getValue());
            events.sort(BY_VERSION);
            long previous = known.version();
            boolean started = known.isKnown();
            TrellisEvent newest = null;
            List<Gap> aggregateGaps = new ArrayList<>();
            for (TrellisEvent event : events) {
                if (event.version() <= known.version() || (newest != null && event.version() == newest.version())) {
                    duplicates++;       // re-delivered or replayed, or the same version twice in the batch
                } else if (known.deleted() || (newest != null && newest.type().isDeletion())) {
                    afterDeletion++;    // a late or replayed event of a deleted aggregate
                } else {
                    boolean startsHere = event.type().isSnapshot() || (!started && event.type().isDeletion());
                    if (event.version() != previous + 1 && !startsHere) {
                        aggregateGaps.add(new Gap(entry.getKey(), previous, event.version(), ownerOf(event.payload())));
                    }
                    if (newest != null) {
                        superseded++;
                    }
                    previous = event.version();
                    started = true;
                    newest = event;
                }
            }
            if (newest == null) {
                continue;
            }
            if (newest.type().isDeletion()) {
                deletions.add(newest);
            } else {
                upserts.add(newest);
                gaps.addAll(aggregateGaps);
            }
        }
        return new BatchPlan(upserts, deletions, gaps, duplicates, superseded, afterDeletion, deleted);
    }

    /** The aggregates a payload names besides itself; a deletion names none that matter. */
    static Set<AggregateKey> referencesOf(EventPayload payload) {
        Set<AggregateKey> references = new LinkedHashSet<>();
        if (payload instanceof ItemState item) {
            add(references, AggregateType.USER, item.ownerId());
            item.tagIds().forEach(id -> add(references, AggregateType.TAG, id));
            item.fileIds().forEach(id -> add(references, AggregateType.FILE, id));
        } else if (payload instanceof FileState file) {
            add(references, AggregateType.USER, file.ownerId());
            add(references, AggregateType.ITEM, file.itemId());
        } else if (payload instanceof TagState tag) {
            add(references, AggregateType.USER, tag.createdBy());
        }
        return references;
    }

    private static void add(Set<AggregateKey> references, AggregateType type, String id) {
        if (id != null) {
            references.add(new AggregateKey(type, id));
        }
    }

    /** The user whose snapshot would repair this aggregate, when the payload names one. */
    static String ownerOf(EventPayload payload) {
        if (payload instanceof UserState user) {
            return user.id();
        } else if (payload instanceof UserDeleted user) {
            return user.id();
        } else if (payload instanceof ItemState item) {
            return item.ownerId();
        } else if (payload instanceof ItemDeleted item) {
            return item.ownerId();
        } else if (payload instanceof FileState file) {
            return file.ownerId();
        } else if (payload instanceof FileDeleted file) {
            return file.ownerId();
        } else if (payload instanceof TagState tag) {
            return tag.createdBy();
        } else if (payload instanceof TagDeleted) {
            return null;
        }
        throw new IllegalArgumentException("unknown payload " + payload.getClass());
    }
}
