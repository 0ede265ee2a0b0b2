package dev.trellis.application.item;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.RecordingEventOutbox;
import dev.trellis.domain.item.IllegalStatusTransition;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemWithTags;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The item use cases against the in-memory fakes: what each one stores, the one event it writes to
 * the outbox (or does not), and how it refuses: another user's item is missing, a stale
 * {@code If-Match} fails the precondition, an unknown tag is a missing reference.
 */
class ItemUseCasesTest {

    static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    final InMemoryStore store = new InMemoryStore();
    final RecordingEventOutbox outbox = new RecordingEventOutbox(store.eventOutbox);
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-03-01T10:00:00Z"));
    final CreateItem createItem = new CreateItem(store.itemRepository, store.tagRepository, outbox, clock);
    final ListItems listItems = new ListItems(store.itemRepository);
    final ViewItem viewItem = new ViewItem(store.itemRepository);
    final UpdateItem updateItem = new UpdateItem(store.itemRepository, outbox, clock);
    final DeleteItem deleteItem = new DeleteItem(store.itemRepository, outbox, clock);
    final AttachTagToItem attachTag = new AttachTagToItem(store.itemRepository, store.tagRepository, outbox, clock);
    final DetachTagFromItem detachTag = new DetachTagFromItem(store.itemRepository, outbox, clock);

    final RequestContext alice = new RequestContext(user("alice"), TRACE);
    final RequestContext bob = new RequestContext(user("bob"), null);
    final Tag garden = tag("Garden");
    final Tag work = tag("Work");

    @Nested
    class Create {

        @Test
        void stores_a_draft_of_the_callers_with_its_tags_once_each_and_writes_item_created() {
            ItemDetails created = createItem.handle(alice, new CreateItem.Command("Seeds", "to sow", "# March", null,
                    "https://example.com/seeds.png", List.of(work.id(), garden.id(), work.id())));

            assertThat(created.item().owner()).isEqualTo(alice.user());
            assertThat(created.item().status()).isEqualTo(ItemStatus.DRAFT);
            assertThat(created.item().version()).isZero();
            assertThat(created.tags()).extracting(Tag::id).containsExactly(garden.id(), work.id());
            assertThat(store.itemRepository.findById(created.item().id())).isPresent();

            OutboxEvent event = only(events(created.item().id()));
            assertThat(event.eventType()).isEqualTo("item.created");
            assertThat(event.traceParent()).isEqualTo(TRACE);
            assertThat(event.payload())
                    .containsEntry("id", created.item().id().value())
                    .containsEntry("ownerId", alice.user().value())
                    .containsEntry("title", "Seeds")
                    .containsEntry("status", "draft")
                    .containsEntry("imageUrl", "https://example.com/seeds.png")
                    .containsEntry("tagIds", List.of(garden.id().value(), work.id().value()).stream().sorted().toList())
                    .containsEntry("fileIds", List.of())
                    .containsEntry("version", 1L);
        }

        @Test
        void an_unknown_tag_is_a_missing_reference_and_nothing_is_written() {
            TagId unknown = TagId.generate();

            assertThatThrownBy(() -> createItem.handle(alice, command("Seeds", garden.id(), unknown)))
                    .isInstanceOfSatisfying(DataAccessFailure.MissingReference.class,
                            e -> assertThat(e.constraint()).isEqualTo("item_tags_tag_id_fkey"));

            assertThat(listItems.handle(alice, firstPage(20)).items()).isEmpty();
            assertThat(outbox.appended()).isEmpty();
        }

        @Test
        void a_blank_title_or_a_bad_image_url_is_invalid_input_and_nothing_is_written() {
            assertThatThrownBy(() -> createItem.handle(alice, command("   ")))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> {
                        assertThat(e.field()).isEqualTo("title");
                        assertThat(e.code()).isEqualTo("text.blank");
                    });
            assertThatThrownBy(() -> createItem.handle(alice,
                    new CreateItem.Command("Seeds", null, null, null, "javascript:alert(1)", List.of())))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> {
                        assertThat(e.field()).isEqualTo("imageUrl");
                        assertThat(e.code()).isEqualTo("url.invalid");
                    });

            assertThat(listItems.handle(alice, firstPage(20)).items()).isEmpty();
            assertThat(outbox.appended()).isEmpty();
        }
    }

    @Nested
    class ListAndFilter {

        @Test
        void pages_through_the_callers_items_newest_first_and_filters_by_status_and_tag() {
            ItemId first = create(alice, "First", garden.id());
            ItemId second = create(alice, "Second");
            ItemId third = create(alice, "Third", garden.id());
            create(bob, "Bob's", garden.id());
            updateItem.handle(alice, new UpdateItem.Command(second, null, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(ItemStatus.PUBLISHED), Optional.empty()));

            var page = listItems.handle(alice, firstPage(2));
            assertThat(ids(page.items())).containsExactly(third, second);
            assertThat(page.next()).isPresent();
            var rest = listItems.handle(alice, new ListItems.Query(Optional.empty(), Optional.empty(), Optional.empty(), 2,
                    page.next()));
            assertThat(ids(rest.items())).containsExactly(first);
            assertThat(rest.next()).isEmpty();

            assertThat(ids(listItems.handle(alice, new ListItems.Query(Optional.of(ItemStatus.PUBLISHED), Optional.empty(),
                    Optional.empty(), 20, Optional.empty())).items())).containsExactly(second);
            assertThat(ids(listItems.handle(alice, new ListItems.Query(Optional.empty(), Optional.of(garden.id()),
                    Optional.empty(), 20, Optional.empty())).items())).containsExactly(third, first);
            assertThat(ids(listItems.handle(alice, new ListItems.Query(Optional.empty(), Optional.empty(),
                    Optional.of("IRS"), 20, Optional.empty())).items())).containsExactly(first);
        }

        @Test
        void a_limit_out_of_range_is_invalid_input() {
            assertThatThrownBy(() -> listItems.handle(alice, firstPage(0)))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("limit.out_of_range"));
            assertThatThrownBy(() -> listItems.handle(alice, firstPage(101)))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("limit.out_of_range"));
        }
    }

    @Nested
    class View {

        @Test
        void shows_the_callers_item_with_its_tags_and_hides_it_from_everyone_else() {
            ItemId id = create(alice, "Seeds", garden.id());

            ItemDetails details = viewItem.handle(alice, id);

            assertThat(details.item().title().value()).isEqualTo("Seeds");
            assertThat(details.tags()).extracting(Tag::name).containsExactly(new TagName("Garden"));
            assertThat(details.owner().id()).isEqualTo(alice.user());
            assertNotFound(() -> viewItem.handle(bob, id), "item.not_found");
            assertNotFound(() -> viewItem.handle(alice, ItemId.generate()), "item.not_found");
        }
    }

    @Nested
    class Update {

        @Test
        void changes_only_the_fields_named_and_writes_item_updated() {
            ItemId id = createItem.handle(alice, new CreateItem.Command("Seeds", "to sow", "# March", null, null,
                    List.of())).item().id();
            clock.advance();

            ItemDetails updated = updateItem.handle(alice, new UpdateItem.Command(id, 0L, Optional.of("Bulbs"),
                    Optional.of(Optional.empty()), Optional.empty(), Optional.empty(), Optional.empty()));

            assertThat(updated.item().title().value()).isEqualTo("Bulbs");
            assertThat(updated.item().description()).isNull();
            assertThat(updated.item().content()).isEqualTo("# March");
            assertThat(updated.item().version()).isEqualTo(1);
            assertThat(updated.item().updatedAt()).isEqualTo(clock.instant());
            OutboxEvent event = events(id).get(1);
            assertThat(event.eventType()).isEqualTo("item.updated");
            assertThat(event.traceParent()).isEqualTo(TRACE);
            assertThat(event.payload()).containsEntry("title", "Bulbs").containsEntry("description", null)
                    .containsEntry("content", "# March").containsEntry("version", 2L);
        }

        @Test
        void a_status_change_writes_item_status_changed_and_an_illegal_one_is_refused() {
            ItemId id = create(alice, "Seeds");

            updateItem.handle(alice, statusTo(id, ItemStatus.ARCHIVED));
            assertThatThrownBy(() -> updateItem.handle(alice, statusTo(id, ItemStatus.PUBLISHED)))
                    .isInstanceOfSatisfying(IllegalStatusTransition.class,
                            e -> assertThat(e.code()).isEqualTo("item.status.illegal_transition"));

            assertThat(events(id)).extracting(OutboxEvent::eventType).containsExactly("item.created", "item.status_changed");
            assertThat(events(id).get(1).payload()).containsEntry("status", "archived");
            assertThat(viewItem.handle(alice, id).item().status()).isEqualTo(ItemStatus.ARCHIVED);
        }

        @Test
        void a_stale_if_match_fails_the_precondition_and_changes_nothing() {
            ItemId id = create(alice, "Seeds");
            updateItem.handle(alice, new UpdateItem.Command(id, 0L, Optional.of("Bulbs"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()));

            assertThatThrownBy(() -> updateItem.handle(alice, new UpdateItem.Command(id, 0L, Optional.of("Roots"),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                    .isInstanceOfSatisfying(PreconditionFailed.class,
                            e -> assertThat(e.code()).isEqualTo("item.precondition_failed"));

            assertThat(viewItem.handle(alice, id).item().title().value()).isEqualTo("Bulbs");
            assertThat(events(id)).hasSize(2);
        }

        @Test
        void another_users_item_is_missing() {
            ItemId id = create(alice, "Seeds");

            assertNotFound(() -> updateItem.handle(bob, new UpdateItem.Command(id, null, Optional.of("Mine"),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())), "item.not_found");

            assertThat(viewItem.handle(alice, id).item().title().value()).isEqualTo("Seeds");
            assertThat(events(id)).hasSize(1);
        }
    }

    @Nested
    class Delete {

        @Test
        void removes_the_item_and_writes_item_deleted() {
            ItemId id = create(alice, "Seeds", garden.id());

            deleteItem.handle(alice, new DeleteItem.Command(id, 0L));

            assertThat(store.itemRepository.findById(id)).isEmpty();
            OutboxEvent event = events(id).get(1);
            assertThat(event.eventType()).isEqualTo("item.deleted");
            assertThat(event.traceParent()).isEqualTo(TRACE);
            assertThat(event.payload()).containsEntry("id", id.value()).containsEntry("ownerId", alice.user().value())
                    .containsEntry("deleted", true).containsEntry("version", 2L);
            assertThat(store.tagRepository.findById(garden.id())).as("the tag stays").isPresent();
        }

        @Test
        void a_stale_if_match_or_another_user_leaves_the_item_in_place() {
            ItemId id = create(alice, "Seeds");
            updateItem.handle(alice, statusTo(id, ItemStatus.PUBLISHED));

            assertThatThrownBy(() -> deleteItem.handle(alice, new DeleteItem.Command(id, 0L)))
                    .isInstanceOf(PreconditionFailed.class);
            assertNotFound(() -> deleteItem.handle(bob, new DeleteItem.Command(id, null)), "item.not_found");

            assertThat(store.itemRepository.findById(id)).isPresent();
            assertThat(events(id)).extracting(OutboxEvent::eventType).containsExactly("item.created", "item.status_changed");
        }
    }

    @Nested
    class AttachTag {

        @Test
        void attaches_once_with_item_tags_changed_and_attaching_again_changes_nothing() {
            ItemId id = create(alice, "Seeds");
            clock.advance();

            ItemDetails attached = attachTag.handle(alice, new AttachTagToItem.Command(id, garden.id()));
            ItemDetails again = attachTag.handle(alice, new AttachTagToItem.Command(id, garden.id()));

            assertThat(attached.tags()).extracting(Tag::id).containsExactly(garden.id());
            assertThat(attached.item().version()).isEqualTo(1);
            assertThat(attached.item().updatedAt()).isEqualTo(clock.instant());
            assertThat(again.item().version()).isEqualTo(1);
            assertThat(again.tags()).extracting(Tag::id).containsExactly(garden.id());
            assertThat(events(id)).extracting(OutboxEvent::eventType).containsExactly("item.created", "item.tags_changed");
            assertThat(events(id).get(1).payload()).containsEntry("tagIds", List.of(garden.id().value()));
        }

        @Test
        void an_unknown_tag_is_a_missing_reference_and_another_users_item_is_missing() {
            ItemId id = create(alice, "Seeds");

            assertThatThrownBy(() -> attachTag.handle(alice, new AttachTagToItem.Command(id, TagId.generate())))
                    .isInstanceOf(DataAccessFailure.MissingReference.class);
            assertNotFound(() -> attachTag.handle(bob, new AttachTagToItem.Command(id, garden.id())), "item.not_found");

            assertThat(viewItem.handle(alice, id).tags()).isEmpty();
            assertThat(events(id)).hasSize(1);
        }
    }

    @Nested
    class DetachTag {

        @Test
        void detaches_with_item_tags_changed() {
            ItemId id = create(alice, "Seeds", garden.id(), work.id());

            ItemDetails detached = detachTag.handle(alice, new DetachTagFromItem.Command(id, garden.id()));

            assertThat(detached.tags()).extracting(Tag::id).containsExactly(work.id());
            assertThat(detached.item().version()).isEqualTo(1);
            assertThat(events(id)).extracting(OutboxEvent::eventType).containsExactly("item.created", "item.tags_changed");
            assertThat(events(id).get(1).payload()).containsEntry("tagIds", List.of(work.id().value()));
        }

        @Test
        void a_tag_that_is_not_attached_is_a_missing_link_and_another_users_item_is_missing() {
            ItemId id = create(alice, "Seeds", work.id());

            assertThatThrownBy(() -> detachTag.handle(alice, new DetachTagFromItem.Command(id, garden.id())))
                    .isInstanceOfSatisfying(NotFound.class, e -> {
                        assertThat(e.resource()).isEqualTo("item tag");
                        assertThat(e.id()).isEqualTo(id.value() + "/" + garden.id().value());
                    });
            assertNotFound(() -> detachTag.handle(bob, new DetachTagFromItem.Command(id, work.id())), "item.not_found");

            assertThat(viewItem.handle(alice, id).tags()).extracting(Tag::id).containsExactly(work.id());
            assertThat(events(id)).hasSize(1);
        }
    }

    private ItemId create(RequestContext caller, String title, TagId... tags) {
        ItemId id = createItem.handle(caller, command(title, tags)).item().id();
        clock.advance();
        return id;
    }

    private static CreateItem.Command command(String title, TagId... tags) {
        return new CreateItem.Command(title, null, null, null, null, List.of(tags));
    }

    private static UpdateItem.Command statusTo(ItemId id, ItemStatus status) {
        return new UpdateItem.Command(id, null, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(status),
                Optional.empty());
    }

    private static ListItems.Query firstPage(int limit) {
        return new ListItems.Query(Optional.empty(), Optional.empty(), Optional.empty(), limit, Optional.empty());
    }

    private static List<ItemId> ids(List<ItemWithTags> items) {
        return items.stream().map(item -> item.item().id()).toList();
    }

    private List<OutboxEvent> events(ItemId id) {
        return store.eventOutbox.findByAggregate("item", id.value());
    }

    private static OutboxEvent only(List<OutboxEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private UserId user(String name) {
        User user = User.register(UserId.generate(), name, new EmailAddress(name + "@example.com"), true,
                Instant.parse("2026-01-01T00:00:00Z"));
        store.userRepository.add(user);
        return user.id();
    }

    private Tag tag(String name) {
        Tag tag = Tag.create(TagId.generate(), new TagName(name), TagColor.DEFAULT, null, Instant.parse("2026-01-01T00:00:00Z"));
        store.tagRepository.add(tag);
        return store.tagRepository.findById(tag.id()).orElseThrow();
    }

    /** A clock that stands still until told to move on by a second, so that items have an order. */
    static final class SteppingClock extends Clock {

        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance() {
            now = now.plus(Duration.ofSeconds(1));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
