package dev.trellis.event.consumer;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch of events (any topics, any partitions) into a {@link BatchPlan} against what the
 * consumer's store has applied. The rules, from the contract (EVENTS.md):
 * <ul>
 *   <li>an event whose version is not above the applied one is a duplicate or a replay: dropped;</li>
 *   <li>an aggregate remembered as deleted never comes back, whatever arrives for it later;</li>
 *   <li>of one aggregate's events in the batch only the newest counts: each carries the full state;</li>
 *   <li>a version that is not the next one is a gap, reported; the newest state is still applied (it is
 *       complete), so a gap costs nothing but the history in between. An aggregate seen for the first
 *       time through a snapshot starts there: the versions before it are folded into its state.</li>
 * </ul>
 */
public final class BatchPlanner {

    private BatchPlanner() {
    }

    public static BatchPlan plan(List<TrellisEvent> batch, AppliedVersions store) {
        Map<AggregateKey, List<TrellisEvent>> byAggregate = new LinkedHashMap<>();
        for (TrellisEvent event : batch) {
            byAggregate.computeIfAbsent(new AggregateKey(event.aggregate(), event.subject()), key -> new ArrayList<>()).add(event);
        }
        if (byAggregate.isEmpty()) {
            return new BatchPlan(List.of(), List.of(), List.of(), 0, 0, 0);
        }
        Map<AggregateKey, Applied> applied = store.of(byAggregate.keySet());
        List<TrellisEvent> upserts = new ArrayList<>();
        List<TrellisEvent> deletions = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        int duplicates = 0;
        int superseded = 0;
        int afterDeletion = 0;
        for (Map.Entry<AggregateKey, List<TrellisEvent>> entry : byAggregate.entrySet()) {
            Applied known = applied.getOrDefault(entry.getKey(), Applied.NOTHING);
            List<TrellisEvent> events = entry.getValue();
            if (known.deleted()) {
                afterDeletion += events.size();
                continue;
            }
            List<TrellisEvent> fresh = new ArrayList<>();
            for (TrellisEvent event : events) {
                if (event.version() <= known.version()) {
                    duplicates++;
                } else {
                    fresh.add(event);
                }
            }
            if (fresh.isEmpty()) {
                continue;
            }
            fresh.sort(Comparator.comparingLong(TrellisEvent::version));
            // duplicates within the batch (the same version twice) count once
            long previous = known.version();
            boolean started = known.isKnown();
            TrellisEvent newest = null;
            for (TrellisEvent event : fresh) {
                if (newest != null && event.version() == newest.version()) {
                    duplicates++;
                    continue;
                }
                boolean startsHere = !started && (event.type().isSnapshot() || event.type().isDeletion());
                if (event.version() != previous + 1 && !startsHere) {
                    gaps.add(new Gap(entry.getKey(), previous, event.version(), ownerOf(event.payload())));
                }
                if (newest != null) {
                    superseded++;
                }
                previous = event.version();
                started = true;
                newest = event;
            }
            if (newest.type().isDeletion()) {
                deletions.add(newest);
            } else {
                upserts.add(newest);
            }
        }
        return new BatchPlan(upserts, deletions, gaps, duplicates, superseded, afterDeletion);
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
