package dev.trellis.application.tag;

import dev.trellis.application.ConflictingState;
import dev.trellis.application.Forbidden;
import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.RecordingEventOutbox;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tag use cases against the in-memory fakes: one shared vocabulary that every user reads and adds
 * to, where only a tag's creator changes or deletes it, and a tag on other users' items stays.
 */
class TagUseCasesTest {

    static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final InMemoryStore store = new InMemoryStore();
    final RecordingEventOutbox outbox = new RecordingEventOutbox(store.eventOutbox);
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final ListTags listTags = new ListTags(store.tagRepository);
    final ViewTag viewTag = new ViewTag(store.tagRepository);
    final CreateTag createTag = new CreateTag(store.tagRepository, outbox, clock);
    final UpdateTag updateTag = new UpdateTag(store.tagRepository, outbox, clock);
    final DeleteTag deleteTag = new DeleteTag(store.tagRepository, outbox, clock);

    final RequestContext alice = new RequestContext(user("alice"), TRACE);
    final RequestContext bob = new RequestContext(user("bob"), null);

    @Nested
    class Create {

        @Test
        void adds_a_tag_created_by_the_caller_and_writes_tag_created() {
            Tag tag = createTag.handle(alice, new CreateTag.Command("Garden", "#00aa00"));

            assertThat(tag.name().value()).isEqualTo("Garden");
            assertThat(tag.color().value()).isEqualTo("#00aa00");
            assertThat(tag.createdBy()).isEqualTo(alice.user());
            assertThat(tag.version()).isZero();
            assertThat(viewTag.handle(tag.id())).isEqualTo(tag);

            assertThat(outbox.eventTypes()).containsExactly("tag.created");
            OutboxEvent event = outbox.appended().get(0);
            assertThat(event.aggregateId()).isEqualTo(tag.id().value());
            assertThat(event.traceParent()).isEqualTo(TRACE);
            assertThat(event.occurredAt()).isEqualTo(NOW);
            assertThat(event.payload()).containsEntry("name", "Garden").containsEntry("color", "#00aa00")
                    .containsEntry("createdBy", alice.user().value());
        }

        @Test
        void without_a_colour_the_tag_gets_the_default_one() {
            assertThat(createTag.handle(alice, new CreateTag.Command("Garden", null)).color()).isEqualTo(TagColor.DEFAULT);
        }

        @Test
        void a_taken_name_is_a_duplicate_and_a_bad_colour_or_name_is_invalid_input_and_nothing_more_is_written() {
            createTag.handle(alice, new CreateTag.Command("Garden", null));

            assertThatThrownBy(() -> createTag.handle(bob, new CreateTag.Command("Garden", null)))
                    .isInstanceOfSatisfying(DataAccessFailure.DuplicateValue.class,
                            e -> assertThat(e.constraint()).isEqualTo("tags_name_key"));
            assertThatThrownBy(() -> createTag.handle(bob, new CreateTag.Command("Work", "red")))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("color.invalid"));
            assertThatThrownBy(() -> createTag.handle(bob, new CreateTag.Command(" ", null)))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name"));

            assertThat(listTags.handle()).extracting(tag -> tag.name().value()).containsExactly("Garden");
            assertThat(outbox.eventTypes()).containsExactly("tag.created");
        }
    }

    @Nested
    class ListAndView {

        @Test
        void every_user_sees_every_tag_by_name() {
            Tag work = createTag.handle(alice, new CreateTag.Command("Work", null));
            Tag garden = createTag.handle(bob, new CreateTag.Command("Garden", null));

            assertThat(listTags.handle()).containsExactly(garden, work);
            assertThat(viewTag.handle(work.id())).isEqualTo(work);
        }

        @Test
        void a_missing_tag_is_not_found() {
            assertThatThrownBy(() -> viewTag.handle(TagId.generate()))
                    .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("tag.not_found"));
        }
    }

    @Nested
    class Update {

        @Test
        void renames_and_recolours_with_tag_updated_and_the_next_version() {
            Tag tag = createTag.handle(alice, new CreateTag.Command("Garden", null));

            Tag renamed = updateTag.handle(alice, new UpdateTag.Command(tag.id(), 0L, Optional.of("Orchard"), Optional.empty()));
            Tag recoloured = updateTag.handle(alice, new UpdateTag.Command(tag.id(), null, Optional.empty(),
                    Optional.of("#123456")));

            assertThat(renamed.version()).isEqualTo(1);
            assertThat(renamed.color()).isEqualTo(TagColor.DEFAULT);
            assertThat(recoloured.name().value()).isEqualTo("Orchard");
            assertThat(recoloured.color().value()).isEqualTo("#123456");
            assertThat(recoloured.version()).isEqualTo(2);
            assertThat(viewTag.handle(tag.id())).isEqualTo(recoloured);
            assertThat(outbox.eventTypes()).containsExactly("tag.created", "tag.updated", "tag.updated");
            assertThat(outbox.appended().get(2).payload()).containsEntry("name", "Orchard").containsEntry("color", "#123456")
                    .containsEntry("version", 3L);
        }

        @Test
        void a_stale_if_match_fails_the_precondition() {
            Tag tag = createTag.handle(alice, new CreateTag.Command("Garden", null));
            updateTag.handle(alice, new UpdateTag.Command(tag.id(), 0L, Optional.of("Orchard"), Optional.empty()));

            assertThatThrownBy(() -> updateTag.handle(alice, new UpdateTag.Command(tag.id(), 0L, Optional.of("Park"),
                    Optional.empty())))
                    .isInstanceOfSatisfying(PreconditionFailed.class, e -> assertThat(e.code()).isEqualTo("tag.precondition_failed"));

            assertThat(viewTag.handle(tag.id()).name().value()).isEqualTo("Orchard");
            assertThat(outbox.eventTypes()).containsExactly("tag.created", "tag.updated");
        }

        @Test
        void only_the_creator_may_change_a_tag_and_a_missing_one_is_not_found() {
            Tag tag = createTag.handle(alice, new CreateTag.Command("Garden", null));

            assertThatThrownBy(() -> updateTag.handle(bob, new UpdateTag.Command(tag.id(), null, Optional.of("Mine"),
                    Optional.empty())))
                    .isInstanceOfSatisfying(Forbidden.class, e -> assertThat(e.code()).isEqualTo("tag.not_creator"));
            assertThatThrownBy(() -> updateTag.handle(alice, new UpdateTag.Command(TagId.generate(), null,
                    Optional.of("Mine"), Optional.empty())))
                    .isInstanceOf(NotFound.class);

            assertThat(viewTag.handle(tag.id())).isEqualTo(tag);
            assertThat(outbox.eventTypes()).containsExactly("tag.created");
        }
    }

    @Nested
    class Delete {

        @Test
        void removes_the_tag_from_the_vocabulary_and_the_creators_items_with_one_tag_deleted() {
            Tag tag = createTag.handle(alice, new CreateTag.Command("Garden", null));
            ItemId item = item(alice, tag.id());

            deleteTag.handle(alice, new DeleteTag.Command(tag.id(), 0L));

            assertThat(listTags.handle()).isEmpty();
            assertThat(store.itemRepository.findById(item).orElseThrow().tags()).isEmpty();
            assertThat(outbox.eventTypes()).as("no event per item").containsExactly("tag.created", "tag.deleted");
            OutboxEvent event = outbox.appended().get(1);
            assertThat(event.traceParent()).isEqualTo(TRACE);
            assertThat(event.payload()).containsEntry("id", tag.id().value()).containsEntry("name", "Garden")
                    .containsEntry("deleted", true).containsEntry("version", 2L);
        }

        @Test
        void a_tag_on_other_users_items_is_in_use_and_stays() {
            Tag tag = createTag.handle(alice, new CreateTag.Command("Garden", null));
            item(bob, tag.id());

            assertThatThrownBy(() -> deleteTag.handle(alice, new DeleteTag.Command(tag.id(), null)))
                    .isInstanceOfSatisfying(ConflictingState.class, e -> assertThat(e.code()).isEqualTo("tag.in_use"));

            assertThat(listTags.handle()).containsExactly(tag);
            assertThat(outbox.eventTypes()).containsExactly("tag.created");
        }

        @Test
        void another_users_tag_a_stale_if_match_and_a_missing_tag_are_refused() {
            Tag tag = createTag.handle(alice, new CreateTag.Command("Garden", null));
            updateTag.handle(alice, new UpdateTag.Command(tag.id(), null, Optional.empty(), Optional.of("#123456")));

            assertThatThrownBy(() -> deleteTag.handle(bob, new DeleteTag.Command(tag.id(), null)))
                    .isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> deleteTag.handle(alice, new DeleteTag.Command(tag.id(), 0L)))
                    .isInstanceOf(PreconditionFailed.class);
            assertThatThrownBy(() -> deleteTag.handle(alice, new DeleteTag.Command(TagId.generate(), null)))
                    .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("tag.not_found"));

            assertThat(listTags.handle()).hasSize(1);
            assertThat(outbox.eventTypes()).containsExactly("tag.created", "tag.updated");
        }
    }

    private ItemId item(RequestContext owner, TagId... tags) {
        Item item = Item.create(ItemId.generate(), owner.user(), new ItemTitle("An item"), null, null, ItemStatus.DRAFT, null,
                List.of(tags), NOW);
        store.itemRepository.add(item);
        return item.id();
    }

    private UserId user(String name) {
        User user = User.register(UserId.generate(), name, new EmailAddress(name + "@example.com"), true,
                Instant.parse("2026-01-01T00:00:00Z"));
        store.userRepository.add(user);
        return user.id();
    }
}
