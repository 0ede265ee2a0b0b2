package dev.trellis.application.contract;

import dev.trellis.application.snapshot.CurrentState;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemWithFiles;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.user.LanguageTag;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.user.TimeZoneName;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshot reads: every aggregate once over the pages, in full, for everything or for one user's share. */
public abstract class CurrentStateContract extends PortContract {

    interface Read<T> {
        CurrentState.Page<T> page(SnapshotScope scope, String after, int limit);
    }

    @Test
    void pages_through_everything_reading_each_aggregate_once() {
        User alice = aUser();
        User bob = aUser();
        aUser();
        Tag work = aTag("Work");
        Tag home = aTag("Home");
        Item plan = anItem(alice, "Plan", work, home);
        anItem(alice, "Draft");
        anItem(bob, "Trip", home);
        anItem(bob, "Notes");
        StoredFile scan = newFile(alice, plan, "scan.png");
        ports.files().add(scan);
        ports.files().add(newFile(bob, null, "photo.png"));

        List<CurrentState.Page<UserDetails>> users = pages(ports.currentState()::users, SnapshotScope.everything(), 2);
        List<CurrentState.Page<ItemWithFiles>> items = pages(ports.currentState()::items, SnapshotScope.everything(), 2);
        List<CurrentState.Page<Tag>> tags = pages(ports.currentState()::tags, SnapshotScope.everything(), 2);
        List<CurrentState.Page<StoredFile>> files = pages(ports.currentState()::files, SnapshotScope.everything(), 1);

        assertThat(users).extracting(page -> page.states().size()).containsExactly(2, 1);
        assertThat(items).extracting(page -> page.states().size()).as("4 items: the second page is the last").containsExactly(2, 2);
        assertThat(tags).extracting(page -> page.states().size()).containsExactly(2);
        assertThat(files).extracting(page -> page.states().size()).containsExactly(1, 1);
        assertThat(ids(users, details -> details.user().id().value())).doesNotHaveDuplicates().hasSize(3)
                .contains(alice.id().value(), bob.id().value());
        assertThat(ids(items, item -> item.item().id().value())).doesNotHaveDuplicates().hasSize(4).contains(plan.id().value());
        assertThat(ids(tags, tag -> tag.id().value())).containsExactlyInAnyOrder(work.id().value(), home.id().value());
        assertThat(ids(files, file -> file.id().value())).doesNotHaveDuplicates().hasSize(2).contains(scan.id().value());
    }

    @Test
    void reads_the_full_state_as_the_repositories_do() {
        User alice = aUser();
        var details = ports.users().findDetails(alice.id()).orElseThrow();
        ports.users().saveProfile(details.profile().withBio("Gardener").withWebsite(WebUrl.parseOptional("website", "https://alice.example"))
                .withTimezone(new TimeZoneName("Europe/Paris")));
        ports.users().saveSettings(details.settings().withTheme(Theme.DARK).withLanguage(new LanguageTag("fr")));
        Tag work = aTag("Work");
        Item plan = anItem(alice, "Plan", work);
        StoredFile first = newFile(alice, plan, "first.png");
        ports.files().add(first);
        StoredFile second = newFile(alice, plan, "second.png");
        ports.files().add(second);

        SnapshotScope everything = SnapshotScope.everything();
        assertThat(ports.currentState().users(everything, null, 10).states())
                .containsExactly(ports.users().findDetails(alice.id()).orElseThrow());
        ItemWithFiles item = ports.currentState().items(everything, null, 10).states().get(0);
        Item stored = ports.items().findById(plan.id()).orElseThrow();
        assertThat(item.item().id()).isEqualTo(stored.id());
        assertThat(item.item().title()).isEqualTo(stored.title());
        assertThat(item.item().description()).isEqualTo(stored.description());
        assertThat(item.item().status()).isEqualTo(stored.status());
        assertThat(item.item().tags()).containsExactlyInAnyOrderElementsOf(stored.tags());
        assertThat(item.item().createdAt()).isEqualTo(stored.createdAt());
        assertThat(item.item().updatedAt()).isEqualTo(stored.updatedAt());
        assertThat(item.item().version()).isEqualTo(stored.version());
        assertThat(item.files()).containsExactlyElementsOf(ports.files().findByItem(plan.id()));
        assertThat(item.files()).extracting(StoredFile::id).containsExactly(first.id(), second.id());
        assertThat(ports.currentState().tags(everything, null, 10).states()).containsExactly(ports.tags().findById(work.id()).orElseThrow());
        assertThat(ports.currentState().files(everything, null, 10).states())
                .containsExactlyInAnyOrder(ports.files().findById(first.id()).orElseThrow(), ports.files().findById(second.id()).orElseThrow());
    }

    @Test
    void one_users_share_is_the_user_their_items_and_files_and_the_tags_they_created_or_their_items_carry() {
        User alice = aUser();
        User bob = aUser();
        Tag alicesUnused = aTagBy("Alice's", alice);
        Tag bobsOnAlicesItem = aTagBy("Bob's, on Alice's item", bob);
        Tag bobsOwn = aTagBy("Bob's own", bob);
        Tag nobodysUnused = aTag("Nobody's");
        Item alicesPlan = anItem(alice, "Plan", bobsOnAlicesItem);
        Item alicesDraft = anItem(alice, "Draft");
        Item bobsTrip = anItem(bob, "Trip", bobsOwn);
        StoredFile alicesAttached = newFile(alice, alicesPlan, "plan.png");
        StoredFile alicesLoose = newFile(alice, null, "loose.png");
        StoredFile bobsAttached = newFile(bob, bobsTrip, "trip.png");
        List.of(alicesAttached, alicesLoose, bobsAttached).forEach(ports.files()::add);

        SnapshotScope alices = SnapshotScope.of(alice.id());
        assertThat(ids(pages(ports.currentState()::users, alices, 1), details -> details.user().id().value()))
                .containsExactly(alice.id().value());
        assertThat(ids(pages(ports.currentState()::items, alices, 1), item -> item.item().id().value()))
                .containsExactlyInAnyOrder(alicesPlan.id().value(), alicesDraft.id().value());
        assertThat(ids(pages(ports.currentState()::tags, alices, 1), tag -> tag.id().value()))
                .containsExactlyInAnyOrder(alicesUnused.id().value(), bobsOnAlicesItem.id().value())
                .doesNotContain(bobsOwn.id().value(), nobodysUnused.id().value());
        assertThat(ids(pages(ports.currentState()::files, alices, 1), file -> file.id().value()))
                .containsExactlyInAnyOrder(alicesAttached.id().value(), alicesLoose.id().value());
    }

    @Test
    void an_empty_store_or_an_unknown_users_share_is_one_empty_last_page() {
        assertThat(ports.currentState().users(SnapshotScope.everything(), null, 10))
                .isEqualTo(new CurrentState.Page<>(List.of(), Optional.empty()));
        aUser();
        SnapshotScope nobody = SnapshotScope.of(UserId.generate());
        assertThat(ports.currentState().users(nobody, null, 10).states()).isEmpty();
        assertThat(ports.currentState().items(nobody, null, 10).next()).isEmpty();
        assertThat(ports.currentState().tags(nobody, null, 10).states()).isEmpty();
        assertThat(ports.currentState().files(nobody, null, 10).states()).isEmpty();
    }

    /** All pages from the first, each read after the previous one's {@code next}. */
    protected static <T> List<CurrentState.Page<T>> pages(Read<T> read, SnapshotScope scope, int limit) {
        List<CurrentState.Page<T>> pages = new ArrayList<>();
        String after = null;
        do {
            CurrentState.Page<T> page = read.page(scope, after, limit);
            assertThat(page.states()).hasSizeLessThanOrEqualTo(limit);
            pages.add(page);
            after = page.next().orElse(null);
            assertThat(pages).as("pages end").hasSizeLessThan(100);
        } while (after != null);
        return pages;
    }

    private static <T> List<String> ids(List<CurrentState.Page<T>> pages, Function<T, String> id) {
        return pages.stream().flatMap(page -> page.states().stream()).map(id).toList();
    }

    private Tag aTagBy(String name, User creator) {
        Tag tag = Tag.create(TagId.generate(), new TagName(name), new TagColor("#123abc"), creator.id(), tick());
        ports.tags().add(tag);
        return tag;
    }
}
