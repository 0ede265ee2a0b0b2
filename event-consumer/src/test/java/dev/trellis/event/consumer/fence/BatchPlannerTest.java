package dev.trellis.event.consumer.fence;

import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.TrellisEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trellis.event.consumer.TestEvents.event;
import static dev.trellis.event.consumer.TestEvents.file;
import static dev.trellis.event.consumer.TestEvents.item;
import static dev.trellis.event.consumer.TestEvents.itemDeleted;
import static dev.trellis.event.consumer.TestEvents.tag;
import static dev.trellis.event.consumer.TestEvents.tagDeleted;
import static dev.trellis.event.consumer.TestEvents.user;
import static org.assertj.core.api.Assertions.assertThat;

class BatchPlannerTest {

    private static final String OWNER = "usr_owner0000001";
    private static final AggregateKey ITEM = new AggregateKey(AggregateType.ITEM, "itm_aaaaaaaaaaaa");
    private static final AggregateKey TAG = new AggregateKey(AggregateType.TAG, "tag_aaaaaaaa");

    private final InMemoryAppliedVersions store = new InMemoryAppliedVersions();

    private static TrellisEvent itemEvent(EventType type, long version) {
        return event(type, item(ITEM.id(), OWNER, version));
    }

    @Test
    void an_empty_batch_plans_nothing_and_asks_the_store_nothing() {
        BatchPlan plan = BatchPlanner.plan(List.of(), store);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.received()).isZero();
        assertThat(store.asked).isEmpty();
    }

    @Test
    void events_at_or_below_the_applied_version_are_duplicates() {
        store.applied.put(ITEM, new Applied(3, false));

        BatchPlan plan = BatchPlanner.plan(List.of(itemEvent(EventType.ITEM_UPDATED, 2), itemEvent(EventType.ITEM_UPDATED, 3)), store);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.duplicates()).isEqualTo(2);
        assertThat(plan.gaps()).isEmpty();
    }

    @Test
    void the_same_version_twice_in_a_batch_counts_once() {
        store.applied.put(ITEM, new Applied(1, false));

        BatchPlan plan = BatchPlanner.plan(List.of(itemEvent(EventType.ITEM_UPDATED, 2), itemEvent(EventType.ITEM_UPDATED, 2)), store);

        assertThat(plan.upserts()).extracting(TrellisEvent::version).containsExactly(2L);
        assertThat(plan.duplicates()).isEqualTo(1);
        assertThat(plan.superseded()).isZero();
    }

    @Test
    void only_the_newest_event_of_an_aggregate_counts_whatever_the_order_in_the_batch() {
        store.applied.put(ITEM, new Applied(1, false));

        BatchPlan plan = BatchPlanner.plan(List.of(itemEvent(EventType.ITEM_UPDATED, 4), itemEvent(EventType.ITEM_UPDATED, 2),
                itemEvent(EventType.ITEM_TAGS_CHANGED, 3)), store);

        assertThat(plan.upserts()).extracting(TrellisEvent::version).containsExactly(4L);
        assertThat(plan.superseded()).isEqualTo(2);
        assertThat(plan.gaps()).as("2, 3, 4 follow on from 1").isEmpty();
        assertThat(plan.received()).isEqualTo(3);
    }

    @Test
    void upserts_keep_the_order_in_which_the_batch_first_saw_their_aggregates() {
        TrellisEvent tagCreated = event(EventType.TAG_CREATED, tag(TAG.id(), OWNER, 1));
        TrellisEvent userCreated = event(EventType.USER_CREATED, user(OWNER, 1));
        TrellisEvent itemCreated = itemEvent(EventType.ITEM_CREATED, 1);

        BatchPlan plan = BatchPlanner.plan(List.of(tagCreated, userCreated, itemCreated), store);

        assertThat(plan.upserts()).containsExactly(tagCreated, userCreated, itemCreated);
        assertThat(plan.upserts(AggregateType.USER)).containsExactly(userCreated);
        assertThat(plan.applied()).isEqualTo(3);
    }

    @Test
    void an_aggregate_remembered_as_deleted_never_comes_back() {
        store.applied.put(ITEM, new Applied(5, true));

        BatchPlan plan = BatchPlanner.plan(List.of(
                itemEvent(EventType.ITEM_UPDATED, 4),                      // parked before the deletion, replayed now
                event(EventType.ITEM_DELETED, itemDeleted(ITEM.id(), OWNER, 5)), // the deletion again
                itemEvent(EventType.ITEM_SNAPSHOT, 6)), store);            // cannot happen; must not resurrect either

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.duplicates()).isEqualTo(2);
        assertThat(plan.afterDeletion()).isEqualTo(1);
        assertThat(plan.isDeleted(ITEM)).isTrue();
    }

    @Test
    void nothing_after_a_deletion_in_the_same_batch_counts() {
        store.applied.put(ITEM, new Applied(1, false));

        BatchPlan plan = BatchPlanner.plan(List.of(itemEvent(EventType.ITEM_UPDATED, 2),
                event(EventType.ITEM_DELETED, itemDeleted(ITEM.id(), OWNER, 3)), itemEvent(EventType.ITEM_UPDATED, 4)), store);

        assertThat(plan.upserts()).isEmpty();
        assertThat(plan.deletions()).extracting(TrellisEvent::version).containsExactly(3L);
        assertThat(plan.superseded()).isEqualTo(1);
        assertThat(plan.afterDeletion()).isEqualTo(1);
    }

    @Test
    void the_deletion_of_an_aggregate_never_seen_is_remembered_without_a_gap() {
        BatchPlan plan = BatchPlanner.plan(List.of(event(EventType.ITEM_DELETED, itemDeleted(ITEM.id(), OWNER, 7))), store);

        assertThat(plan.deletions()).hasSize(1);
        assertThat(plan.gaps()).isEmpty();
        assertThat(plan.isDeleted(ITEM)).isTrue();
        assertThat(plan.isDeleted(AggregateType.ITEM, ITEM.id())).isTrue();
    }

    @Test
    void a_version_that_skips_ahead_is_a_gap_naming_the_owner_and_the_remedy_and_its_state_is_applied() {
        store.applied.put(ITEM, new Applied(2, false));

        BatchPlan plan = BatchPlanner.plan(List.of(itemEvent(EventType.ITEM_UPDATED, 5)), store);

        assertThat(plan.upserts()).extracting(TrellisEvent::version).containsExactly(5L);
        assertThat(plan.gaps()).containsExactly(new Gap(ITEM, 2, 5, OWNER));
        Gap gap = plan.gaps().get(0);
        assertThat(gap.missing()).isEqualTo(2);
        assertThat(gap.toString()).contains("item:itm_aaaaaaaaaaaa", "applied v2", "next seen v5", "2 missing",
                "snapshot --user=" + OWNER);
    }

    @Test
    void a_gap_inside_the_batch_is_found_too() {
        store.applied.put(ITEM, new Applied(2, false));

        BatchPlan plan = BatchPlanner.plan(List.of(itemEvent(EventType.ITEM_UPDATED, 3), itemEvent(EventType.ITEM_UPDATED, 6)), store);

        assertThat(plan.gaps()).containsExactly(new Gap(ITEM, 3, 6, OWNER));
    }

    @Test
    void an_unknown_aggregate_whose_first_event_is_not_its_first_version_is_a_gap() {
        BatchPlan plan = BatchPlanner.plan(List.of(itemEvent(EventType.ITEM_UPDATED, 3)), store);

        assertThat(plan.gaps()).containsExactly(new Gap(ITEM, 0, 3, OWNER));
    }

    @Test
    void a_first_version_or_a_snapshot_opens_no_gap() {
        TrellisEvent created = event(EventType.TAG_CREATED, tag(TAG.id(), OWNER, 1));
        TrellisEvent snapshotOfUnknown = itemEvent(EventType.ITEM_SNAPSHOT, 7);
        store.applied.put(new AggregateKey(AggregateType.USER, OWNER), new Applied(2, false));
        TrellisEvent snapshotOfKnown = event(EventType.USER_SNAPSHOT, user(OWNER, 9));

        BatchPlan plan = BatchPlanner.plan(List.of(created, snapshotOfUnknown, snapshotOfKnown), store);

        assertThat(plan.upserts()).containsExactly(created, snapshotOfUnknown, snapshotOfKnown);
        assertThat(plan.gaps()).as("a snapshot carries everything before it: it is the remedy, not a reason for another").isEmpty();
    }

    @Test
    void an_aggregate_that_ends_deleted_reports_no_gap() {
        store.applied.put(ITEM, new Applied(2, false));

        BatchPlan plan = BatchPlanner.plan(List.of(itemEvent(EventType.ITEM_UPDATED, 4),
                event(EventType.ITEM_DELETED, itemDeleted(ITEM.id(), OWNER, 6))), store);

        assertThat(plan.deletions()).hasSize(1);
        assertThat(plan.gaps()).isEmpty();
    }

    @Test
    void a_gap_of_a_tag_whose_creator_is_gone_asks_for_a_snapshot_of_everything() {
        BatchPlan plan = BatchPlanner.plan(List.of(event(EventType.TAG_UPDATED, tag(TAG.id(), null, 4))), store);

        assertThat(plan.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.ownerId()).isNull();
            assertThat(gap.remedy()).isEqualTo("java -jar trellis-app.jar snapshot");
        });
    }

    @Test
    void a_late_file_event_naming_a_deleted_item_finds_it_deleted() {
        store.applied.put(ITEM, new Applied(2, true));
        TrellisEvent fileAttached = event(EventType.FILE_UPDATED, file("fil_aaaaaaaaaaaa", OWNER, ITEM.id(), 2));
        store.applied.put(new AggregateKey(AggregateType.FILE, "fil_aaaaaaaaaaaa"), new Applied(1, false));

        BatchPlan plan = BatchPlanner.plan(List.of(fileAttached), store);

        assertThat(plan.upserts()).containsExactly(fileAttached);
        assertThat(store.asked).containsKeys(ITEM, new AggregateKey(AggregateType.USER, OWNER));
        assertThat(plan.isDeleted(ITEM)).as("the file's item").isTrue();
        assertThat(plan.isDeleted(AggregateType.USER, OWNER)).isFalse();
    }

    @Test
    void an_item_naming_a_tag_deleted_earlier_or_in_the_same_batch_finds_it_deleted() {
        AggregateKey otherTag = new AggregateKey(AggregateType.TAG, "tag_bbbbbbbb");
        AggregateKey liveTag = new AggregateKey(AggregateType.TAG, "tag_cccccccc");
        store.applied.put(TAG, new Applied(3, true));
        store.applied.put(otherTag, new Applied(1, false));
        store.applied.put(ITEM, new Applied(1, false));
        TrellisEvent tagsChanged = event(EventType.ITEM_TAGS_CHANGED,
                item(ITEM.id(), OWNER, 2, List.of(TAG.id(), otherTag.id(), liveTag.id()), List.of()));

        BatchPlan plan = BatchPlanner.plan(List.of(tagsChanged, event(EventType.TAG_DELETED, tagDeleted(otherTag.id(), 2))), store);

        assertThat(plan.upserts()).containsExactly(tagsChanged);
        assertThat(plan.withoutDeleted(AggregateType.TAG, List.of(TAG.id(), otherTag.id(), liveTag.id())))
                .containsExactly(liveTag.id());
    }

    @Test
    void recorded_plans_make_a_replay_of_the_same_events_all_duplicates() {
        List<TrellisEvent> events = List.of(itemEvent(EventType.ITEM_CREATED, 1), itemEvent(EventType.ITEM_UPDATED, 2),
                event(EventType.TAG_CREATED, tag(TAG.id(), OWNER, 1)), event(EventType.TAG_DELETED, tagDeleted(TAG.id(), 2)));
        store.record(BatchPlanner.plan(events, store));

        BatchPlan replay = BatchPlanner.plan(events, store);

        assertThat(replay.isEmpty()).isTrue();
        assertThat(replay.duplicates()).isEqualTo(4);
    }
}
