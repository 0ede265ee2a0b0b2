package dev.trellis.application.snapshot;

import dev.trellis.application.RequestContext;
import dev.trellis.application.file.UploadFile;
import dev.trellis.application.item.CreateItem;
import dev.trellis.application.item.UpdateItem;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.application.tag.CreateTag;
import dev.trellis.application.testing.InMemoryFileStorage;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.user.UpdateProfile;
import dev.trellis.application.user.UpdateSettings;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The snapshot use case against the in-memory fakes, with pages of two rows. */
class RepublishCurrentStateTest {

    static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001");
    static final Instant SNAPSHOT_TIME = Instant.parse("2026-03-02T08:00:00Z");

    final InMemoryStore store = new InMemoryStore();
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    final CreateItem createItem = new CreateItem(store.itemRepository, store.tagRepository, store.eventOutbox, clock);
    final UpdateItem updateItem = new UpdateItem(store.itemRepository, store.eventOutbox, clock);
    final CreateTag createTag = new CreateTag(store.tagRepository, store.eventOutbox, clock);
    final UpdateProfile updateProfile = new UpdateProfile(store.userRepository, store.eventOutbox, clock);
    final UpdateSettings updateSettings = new UpdateSettings(store.userRepository, store.eventOutbox, clock);
    final UploadFile uploadFile = new UploadFile(store.fileRepository, store.itemRepository, new InMemoryFileStorage(),
            store.eventOutbox, clock, id -> "/api/files/" + id + "/content");
    final RepublishCurrentState snapshot = new RepublishCurrentState(
            new SnapshotPages(store.currentState, store.eventOutbox, Clock.fixed(SNAPSHOT_TIME, ZoneOffset.UTC)),
            store.userRepository, 2);

    RequestContext alice;
    RequestContext bob;
    Tag work;
    Tag home;
    ItemDetails plan;
    StoredFile scan;
    StoredFile photo;

    @BeforeEach
    void twoUsersWithTagsItemsAndFiles() {
        alice = new RequestContext(user("alice"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        bob = new RequestContext(user("bob"), null);
        updateProfile.handle(alice, new UpdateProfile.Command(null, Optional.of(Optional.of("Gardener")),
                Optional.empty(), Optional.of("Europe/Paris")));
        updateSettings.handle(bob, new UpdateSettings.Command(null, Optional.of(Theme.DARK), Optional.empty(),
                Optional.empty()));
        work = createTag.handle(alice, new CreateTag.Command("Work", "#aa0000"));
        home = createTag.handle(bob, new CreateTag.Command("Home", null));
        plan = createItem.handle(alice, item("Plan", work, home));
        createItem.handle(alice, item("Draft"));
        createItem.handle(alice, item("Ideas"));
        createItem.handle(bob, item("Trip", home));
        createItem.handle(bob, item("Notes"));
        scan = uploadFile.handle(alice, new UploadFile.Command("scan.png", "image/png", new ByteArrayInputStream(PNG), plan.item().id()));
        photo = uploadFile.handle(bob, new UploadFile.Command("photo.png", "image/png", new ByteArrayInputStream(PNG), null));
        // the item's own events list its files as of its last change: change it once more after the upload
        plan = updateItem.handle(alice, new UpdateItem.Command(plan.item().id(), null, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(ItemStatus.PUBLISHED), Optional.empty()));
    }

    @Test
    void republishes_every_aggregate_once_with_the_state_of_its_latest_event_and_the_next_version() {
        RepublishCurrentState.Republished republished = snapshot.handle(SnapshotScope.everything());

        assertThat(republished).isEqualTo(new RepublishCurrentState.Republished(2, 5, 2, 2));
        assertThat(republished.events()).isEqualTo(11);
        for (UserId user : List.of(alice.user(), bob.user())) {
            assertSnapshotRepeatsLatestState("user", user.value());
        }
        for (var item : store.itemRepository.findPage(ItemQuery.newestOf(alice.user(), 10)).items()) {
            assertSnapshotRepeatsLatestState("item", item.item().id().value());
        }
        for (var item : store.itemRepository.findPage(ItemQuery.newestOf(bob.user(), 10)).items()) {
            assertSnapshotRepeatsLatestState("item", item.item().id().value());
        }
        assertSnapshotRepeatsLatestState("tag", work.id().value());
        assertSnapshotRepeatsLatestState("tag", home.id().value());
        assertSnapshotRepeatsLatestState("file", scan.id().value());
        assertSnapshotRepeatsLatestState("file", photo.id().value());
        List<OutboxEvent> planEvents = store.eventOutbox.findByAggregate("item", plan.item().id().value());
        assertThat(last(planEvents).payload().get("fileIds")).isEqualTo(List.of(scan.id().value()));
        assertThat(last(planEvents).payload().get("tagIds")).isEqualTo(Stream.of(work.id().value(), home.id().value()).sorted().toList());
    }

    @Test
    void a_second_snapshot_appends_the_same_state_again_with_the_next_version() {
        snapshot.handle(SnapshotScope.everything());
        snapshot.handle(SnapshotScope.everything());

        List<OutboxEvent> events = store.eventOutbox.findByAggregate("tag", work.id().value());
        assertThat(events).extracting(OutboxEvent::eventType).containsExactly("tag.created", "tag.snapshot", "tag.snapshot");
        assertThat(events).extracting(event -> event.payload().get("version")).containsExactly(1L, 2L, 3L);
        assertThat(withoutVersion(events.get(2))).isEqualTo(withoutVersion(events.get(1)));
    }

    @Test
    void one_users_snapshot_covers_the_user_their_items_and_files_and_the_tags_they_created_or_use() {
        Tag unusedOfBobs = createTag.handle(bob, new CreateTag.Command("Unused", null));

        RepublishCurrentState.Republished republished = snapshot.handle(SnapshotScope.of(alice.user()));

        assertThat(republished).isEqualTo(new RepublishCurrentState.Republished(1, 3, 2, 1));
        assertSnapshotRepeatsLatestState("user", alice.user().value());
        assertSnapshotRepeatsLatestState("tag", work.id().value());
        assertSnapshotRepeatsLatestState("tag", home.id().value());
        assertSnapshotRepeatsLatestState("file", scan.id().value());
        assertThat(types("user", bob.user().value())).doesNotContain("user.snapshot");
        assertThat(types("file", photo.id().value())).doesNotContain("file.snapshot");
        assertThat(types("tag", unusedOfBobs.id().value())).doesNotContain("tag.snapshot");
    }

    @Test
    void an_unknown_user_is_not_found_and_nothing_is_appended() {
        UserId nobody = UserId.generate();

        assertThatThrownBy(() -> snapshot.handle(SnapshotScope.of(nobody)))
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("user.not_found"));
        assertThat(types("user", alice.user().value())).doesNotContain("user.snapshot");
        assertThat(types("tag", work.id().value())).doesNotContain("tag.snapshot");
    }

    /**
     * The aggregate's last event is its snapshot: the payload of its latest created/updated event (apart
     * from the version), the next version, the snapshot's time and no trace.
     */
    private void assertSnapshotRepeatsLatestState(String type, String id) {
        List<OutboxEvent> events = store.eventOutbox.findByAggregate(type, id);
        assertThat(events).as("%s %s events", type, id).hasSizeGreaterThanOrEqualTo(2);
        OutboxEvent snapshotEvent = last(events);
        OutboxEvent before = events.get(events.size() - 2);
        assertThat(snapshotEvent.eventType()).isEqualTo(type + ".snapshot");
        assertThat(before.eventType()).isNotEqualTo(type + ".snapshot");
        assertThat(withoutVersion(snapshotEvent)).as("%s %s payload", type, id).isEqualTo(withoutVersion(before));
        assertThat(snapshotEvent.payload().get("version")).isEqualTo((Long) before.payload().get("version") + 1);
        assertThat(snapshotEvent.occurredAt()).isEqualTo(SNAPSHOT_TIME);
        assertThat(snapshotEvent.traceParent()).isNull();
    }

    private List<String> types(String type, String id) {
        return store.eventOutbox.findByAggregate(type, id).stream().map(OutboxEvent::eventType).toList();
    }

    private static Map<String, Object> withoutVersion(OutboxEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>(event.payload());
        payload.remove("version");
        return payload;
    }

    private static OutboxEvent last(List<OutboxEvent> events) {
        return events.get(events.size() - 1);
    }

    private static CreateItem.Command item(String title, Tag... tags) {
        return new CreateItem.Command(title, "about " + title, null, ItemStatus.DRAFT, null,
                Stream.of(tags).map(Tag::id).toList());
    }

    private UserId user(String name) {
        User user = User.register(UserId.generate(), name, new EmailAddress(name + "@example.com"), true,
                Instant.parse("2026-01-01T00:00:00Z"));
        store.userRepository.add(user);
        return user.id();
    }
}
