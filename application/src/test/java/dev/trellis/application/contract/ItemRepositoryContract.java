package dev.trellis.application.contract;

import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemPage;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.item.ItemWithTags;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class ItemRepositoryContract extends PortContract {

    @Test
    void an_item_reads_back_with_every_field_and_its_tags() {
        User owner = aUser();
        Tag work = aTag("Work");
        Tag home = aTag("Home");
        Item item = Item.create(ItemId.generate(), owner.id(), new ItemTitle("  Plan  "), "desc", "body",
                ItemStatus.PUBLISHED, WebUrl.parseOptional("imageUrl", "https://example.com/i.png"),
                List.of(work.id(), home.id()), tick());

        long version = ports.items().add(item);
        Item stored = ports.items().findById(item.id()).orElseThrow();

        assertThat(stored.version()).isEqualTo(version);
        assertThat(stored.title().value()).isEqualTo("Plan");
        assertThat(stored.owner()).isEqualTo(owner.id());
        assertThat(stored.description()).isEqualTo("desc");
        assertThat(stored.content()).isEqualTo("body");
        assertThat(stored.status()).isEqualTo(ItemStatus.PUBLISHED);
        assertThat(stored.imageUrl()).isEqualTo(new WebUrl("https://example.com/i.png"));
        assertThat(stored.createdAt()).isEqualTo(item.createdAt());
        assertThat(stored.updatedAt()).isEqualTo(item.updatedAt());
        assertThat(stored.tags()).containsExactlyInAnyOrder(work.id(), home.id());
        assertThat(ports.items().findById(ItemId.generate())).isEmpty();
    }

    @Test
    void an_unknown_owner_or_tag_is_a_missing_reference_and_nothing_is_written() {
        User owner = aUser();
        Item orphan = Item.create(ItemId.generate(), new UserId("usr_nobody000000"), new ItemTitle("x"), null, null,
                null, null, List.of(), tick());
        Item badTag = Item.create(ItemId.generate(), owner.id(), new ItemTitle("x"), null, null, null, null,
                List.of(TagId.generate()), tick());

        assertThatThrownBy(() -> ports.items().add(orphan)).isInstanceOf(DataAccessFailure.MissingReference.class);
        assertThatThrownBy(() -> ports.items().add(badTag)).isInstanceOf(DataAccessFailure.MissingReference.class);
        assertThat(ports.items().findById(orphan.id())).isEmpty();
    }

    @Test
    void a_duplicate_id_is_a_duplicate() {
        User owner = aUser();
        Item item = anItem(owner, "Once");

        assertThatThrownBy(() -> ports.items().add(Item.create(item.id(), owner.id(), new ItemTitle("Twice"), null, null,
                null, null, List.of(), tick()))).isInstanceOf(DataAccessFailure.DuplicateValue.class);
    }

    @Test
    void update_writes_changes_and_tag_links_and_grows_the_version_by_one() {
        User owner = aUser();
        Tag a = aTag("A");
        Tag b = aTag("B");
        Item item = anItem(owner, "Draft", a);

        item.retitle(new ItemTitle("Published"), tick());
        item.changeStatus(ItemStatus.PUBLISHED, tick());
        item.detach(a.id(), tick());
        item.attach(b.id(), tick());
        long next = ports.items().update(item);

        Item stored = ports.items().findById(item.id()).orElseThrow();
        assertThat(next).isEqualTo(item.version() + 1);
        assertThat(stored.version()).isEqualTo(next);
        assertThat(stored.title().value()).isEqualTo("Published");
        assertThat(stored.status()).isEqualTo(ItemStatus.PUBLISHED);
        assertThat(stored.tags()).containsExactly(b.id());
        assertThat(stored.updatedAt()).isEqualTo(item.updatedAt());
    }

    @Test
    void a_stale_update_is_refused_and_changes_nothing() {
        User owner = aUser();
        Item item = anItem(owner, "Original");
        Item first = ports.items().findById(item.id()).orElseThrow();
        Item second = ports.items().findById(item.id()).orElseThrow();
        first.retitle(new ItemTitle("First writer"), tick());
        ports.items().update(first);

        second.retitle(new ItemTitle("Second writer"), tick());

        assertThatThrownBy(() -> ports.items().update(second)).isInstanceOf(StaleVersion.class);
        assertThat(ports.items().findById(item.id()).orElseThrow().title().value()).isEqualTo("First writer");
    }

    @Test
    void removing_an_item_detaches_its_files() {
        User owner = aUser();
        Item item = anItem(owner, "Doomed", aTag("T"));
        StoredFile file = newFile(owner, item, "a.png");
        ports.files().add(file);

        assertThat(ports.items().remove(item.id())).isTrue();

        assertThat(ports.items().findById(item.id())).isEmpty();
        assertThat(ports.files().findById(file.id()).orElseThrow().item()).isNull();
        assertThat(ports.items().remove(item.id())).isFalse();
    }

    @Test
    void relation_reads_bring_tags_by_name_files_oldest_first_and_the_owner() {
        User owner = aUser();
        Tag zeta = aTag("Zeta");
        Tag alpha = aTag("Alpha");
        Item item = anItem(owner, "Full", zeta, alpha);
        StoredFile older = newFile(owner, item, "older.png");
        StoredFile newer = newFile(owner, item, "newer.png");
        ports.files().add(newer);
        ports.files().add(older);
        StoredFile unattached = newFile(owner, null, "loose.png");
        ports.files().add(unattached);

        ItemWithTags withTags = ports.items().findWithTags(item.id()).orElseThrow();
        assertThat(withTags.tags()).containsExactly(alpha, zeta);
        assertThat(withTags.item().tags()).containsExactlyInAnyOrder(alpha.id(), zeta.id());

        assertThat(ports.items().findWithFiles(item.id()).orElseThrow().files())
                .extracting(StoredFile::filename).containsExactly("older.png", "newer.png");

        ItemDetails details = ports.items().findDetails(item.id()).orElseThrow();
        assertThat(details.owner()).isEqualTo(owner);
        assertThat(details.tags()).containsExactly(alpha, zeta);
        assertThat(details.files()).extracting(StoredFile::filename).containsExactly("older.png", "newer.png");
        assertThat(details.item().title()).isEqualTo(item.title());

        assertThat(ports.items().findWithTags(ItemId.generate())).isEmpty();
        assertThat(ports.items().findWithFiles(ItemId.generate())).isEmpty();
        assertThat(ports.items().findDetails(ItemId.generate())).isEmpty();
    }

    @Test
    void a_page_is_the_owners_items_newest_first_with_their_tags_and_the_cursor_walks_them_all() {
        User owner = aUser();
        User other = aUser();
        Tag tag = aTag("T");
        List<Item> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(anItem(owner, "Item " + i, tag));
        }
        anItem(other, "Not mine");

        List<String> seen = new ArrayList<>();
        ItemQuery query = ItemQuery.newestOf(owner.id(), 3);
        ItemPage page = ports.items().findPage(query);
        seen.addAll(titles(page));
        assertThat(page.items()).allSatisfy(entry -> assertThat(entry.tags()).containsExactly(tag));
        while (page.next().isPresent()) {
            page = ports.items().findPage(query.next(page.next().get()));
            seen.addAll(titles(page));
        }

        assertThat(seen).containsExactly("Item 6", "Item 5", "Item 4", "Item 3", "Item 2", "Item 1", "Item 0");
        assertThat(created).hasSize(7);
    }

    @Test
    void a_page_that_ends_exactly_at_the_limit_has_no_next_cursor() {
        User owner = aUser();
        anItem(owner, "One");
        anItem(owner, "Two");

        ItemPage page = ports.items().findPage(ItemQuery.newestOf(owner.id(), 2));

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void items_created_in_the_same_instant_are_ordered_by_id_and_none_is_skipped() {
        User owner = aUser();
        var at = tick();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Item item = Item.create(ItemId.generate(), owner.id(), new ItemTitle("Same " + i), null, null, null, null, List.of(), at);
            ports.items().add(item);
            ids.add(item.id().value());
        }

        List<String> walked = new ArrayList<>();
        ItemQuery query = ItemQuery.newestOf(owner.id(), 2);
        ItemPage page = ports.items().findPage(query);
        page.items().forEach(entry -> walked.add(entry.item().id().value()));
        while (page.next().isPresent()) {
            page = ports.items().findPage(query.next(page.next().get()));
            page.items().forEach(entry -> walked.add(entry.item().id().value()));
        }

        assertThat(walked).containsExactlyElementsOf(ids.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    }

    @Test
    void pages_filter_by_status_tag_and_title_text() {
        User owner = aUser();
        Tag work = aTag("Work");
        Item report = anItem(owner, "Quarterly Report", work);
        Item notes = anItem(owner, "notes: 100% done_ok");
        Item published = anItem(owner, "Published report");
        published.changeStatus(ItemStatus.PUBLISHED, tick());
        ports.items().update(published);

        assertThat(titles(ports.items().findPage(new ItemQuery(owner.id(), Optional.of(ItemStatus.PUBLISHED),
                Optional.empty(), Optional.empty(), 20, Optional.empty())))).containsExactly("Published report");
        assertThat(titles(ports.items().findPage(new ItemQuery(owner.id(), Optional.empty(),
                Optional.of(work.id()), Optional.empty(), 20, Optional.empty())))).containsExactly("Quarterly Report");
        assertThat(titles(ports.items().findPage(new ItemQuery(owner.id(), Optional.empty(),
                Optional.empty(), Optional.of("REPORT"), 20, Optional.empty()))))
                .containsExactly("Published report", "Quarterly Report");
        // LIKE wildcards in the text match literally ("r_p" as a pattern would match "Report").
        assertThat(titles(ports.items().findPage(new ItemQuery(owner.id(), Optional.empty(),
                Optional.empty(), Optional.of("100%"), 20, Optional.empty())))).containsExactly(notes.title().value());
        assertThat(titles(ports.items().findPage(new ItemQuery(owner.id(), Optional.empty(),
                Optional.empty(), Optional.of("r_p"), 20, Optional.empty())))).isEmpty();
        assertThat(report).isNotNull();
    }

    private static List<String> titles(ItemPage page) {
        return page.items().stream().map(entry -> entry.item().title().value()).toList();
    }
}
