package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.testing.StatementCounter;
import dev.trellis.adapter.persistence.testing.Tables;
import dev.trellis.application.contract.AuthPorts;
import dev.trellis.application.contract.Ports;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.MimeType;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read of an aggregate with its relations runs a fixed number of SQL statements, however many
 * related rows there are: no statement per tag, file or item.
 */
@PostgresTest
class StatementCountTest {

    @Autowired
    Ports ports;
    @Autowired
    AuthPorts authPorts;
    @Autowired
    JdbcClient jdbc;

    private Instant clock = Instant.parse("2026-02-01T00:00:00Z");
    private int tagSequence;
    private User owner;

    @BeforeEach
    void emptyTablesAndOneOwner() {
        Tables.truncateAll(jdbc);
        owner = User.register(UserId.generate(), "Owner", new EmailAddress("owner@example.com"), true, tick());
        ports.users().add(owner);
    }

    @Test
    void find_with_tags_runs_two_statements_for_one_tag_or_thirty() {
        ItemId small = anItem(tags(1)).id();
        ItemId large = anItem(tags(30)).id();

        Run forOne = run(() -> ports.items().findWithTags(small).orElseThrow().tags(), 1);
        Run forThirty = run(() -> ports.items().findWithTags(large).orElseThrow().tags(), 30);

        assertConstant(forOne, forThirty, 2);
    }

    @Test
    void find_with_files_runs_three_statements_for_one_file_or_thirty() {
        Item small = anItem(tags(2));
        files(small, 1);
        Item large = anItem(tags(2));
        files(large, 30);

        Run forOne = run(() -> ports.items().findWithFiles(small.id()).orElseThrow().files(), 1);
        Run forThirty = run(() -> ports.items().findWithFiles(large.id()).orElseThrow().files(), 30);

        // the item and its tag links (Spring Data JDBC reads the aggregate in two), then the files
        assertConstant(forOne, forThirty, 3);
    }

    @Test
    void find_details_runs_three_statements_for_one_tag_and_file_or_thirty() {
        Item small = anItem(tags(1));
        files(small, 1);
        Item large = anItem(tags(30));
        files(large, 30);

        Run forOne = run(() -> {
            var details = ports.items().findDetails(small.id()).orElseThrow();
            return concat(details.tags(), details.files());
        }, 2);
        Run forThirty = run(() -> {
            var details = ports.items().findDetails(large.id()).orElseThrow();
            return concat(details.tags(), details.files());
        }, 60);

        assertConstant(forOne, forThirty, 3);
    }

    @Test
    void find_page_runs_two_statements_for_one_item_or_a_hundred() {
        List<TagId> threeTags = tags(3);
        for (int i = 0; i < 120; i++) {
            anItem(threeTags);
        }

        Run forOne = run(() -> ports.items().findPage(ItemQuery.newestOf(owner.id(), 1)).items(), 1);
        Run forHundred = run(() -> ports.items().findPage(ItemQuery.newestOf(owner.id(), 100)).items(), 100);
        int tagsOnHundred = ports.items().findPage(ItemQuery.newestOf(owner.id(), 100)).items().stream()
                .mapToInt(item -> item.tags().size()).sum();

        assertConstant(forOne, forHundred, 2);
        assertThat(tagsOnHundred).as("the page carried its tags").isEqualTo(300);
    }

    @Test
    void a_snapshot_page_of_items_runs_nine_statements_for_one_item_or_a_hundred() {
        Item one = anItem(tags(3));
        files(one, 2);
        User other = User.register(UserId.generate(), "Other", new EmailAddress("other@example.com"), true, tick());
        ports.users().add(other);
        List<TagId> threeTags = tags(3);
        for (int i = 0; i < 100; i++) {
            Item item = Item.create(ItemId.generate(), other.id(), new ItemTitle("Item"), null, null, ItemStatus.DRAFT, null,
                    threeTags, tick());
            ports.items().add(item);
            FileId id = FileId.generate();
            ports.files().add(StoredFile.create(id, other.id(), item.id(), "f.png", "files/" + id.value(), null, 100,
                    new MimeType("image/png"), tick()));
        }

        Run forOne = run(() -> related(ports.currentState().items(SnapshotScope.of(owner.id()), null, 100).states()), 5);
        Run forHundred = run(() -> related(ports.currentState().items(SnapshotScope.of(other.id()), null, 100).states()), 400);

        // the ids, lock_timeout set, savepoint, version rows made, locked, savepoint released, lock_timeout reset, files, items
        assertConstant(forOne, forHundred, 9);
    }

    @Test
    void a_snapshot_page_of_users_runs_eight_statements_for_one_user_or_forty() {
        Run forOne = run(() -> ports.currentState().users(SnapshotScope.of(owner.id()), null, 100).states(), 1);
        for (int i = 0; i < 39; i++) {
            ports.users().add(User.register(UserId.generate(), "User " + i, new EmailAddress("user" + i + "@example.com"), true, tick()));
        }
        Run forForty = run(() -> ports.currentState().users(SnapshotScope.everything(), null, 100).states(), 40);

        assertConstant(forOne, forForty, 8);
    }

    /** An item page's tag links and files, one entry each. */
    private static List<Object> related(List<dev.trellis.domain.item.ItemWithFiles> items) {
        List<Object> all = new ArrayList<>();
        for (var item : items) {
            all.addAll(item.item().tags());
            all.addAll(item.files());
        }
        return all;
    }

    @Test
    void user_details_run_one_statement() {
        Run details = run(() -> List.of(ports.users().findDetails(owner.id()).orElseThrow()), 1);

        assertThat(details.count()).as("statements %s", details.statements()).isEqualTo(1);
    }

    @Test
    void find_all_tags_by_id_runs_one_statement_for_three_ids_or_forty() {
        List<TagId> three = tags(3);
        List<TagId> forty = tags(40);

        Run forThree = run(() -> ports.tags().findAllById(three), 3);
        Run forForty = run(() -> ports.tags().findAllById(forty), 40);

        assertConstant(forThree, forForty, 1);
    }

    @Test
    void session_lookup_by_token_runs_one_statement() {
        Session session = Session.open(owner.id(), Duration.ofDays(7), tick(), "127.0.0.1", "test");
        authPorts.sessions().add(session);

        Run lookup = run(() -> List.of(authPorts.sessions().findByToken(session.token()).orElseThrow()), 1);

        assertThat(lookup.count()).as("statements %s", lookup.statements()).isEqualTo(1);
    }

    /**
     * Runs {@code read} and counts its statements, after checking it returned {@code expectedRows}
     * related rows (so that a count over an empty result proves nothing by accident).
     */
    private static Run run(Supplier<List<?>> read, int expectedRows) {
        StatementCounter.reset();
        List<?> rows = read.get();
        Run run = new Run(StatementCounter.count(), StatementCounter.statements());
        assertThat(rows).as("related rows read").hasSize(expectedRows);
        return run;
    }

    /** The small and the large read ran the same number of statements, and that number is {@code expected}. */
    private static void assertConstant(Run small, Run large, int expected) {
        assertThat(large.count()).as("statements for many related rows %s vs for few %s", large.statements(), small.statements())
                .isEqualTo(small.count());
        assertThat(small.count()).as("statements %s", small.statements()).isEqualTo(expected);
    }

    record Run(int count, List<String> statements) {
    }

    private List<TagId> tags(int count) {
        List<TagId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Tag tag = Tag.create(TagId.generate(), new TagName("Tag " + ++tagSequence), new TagColor("#123abc"), owner.id(), tick());
            ports.tags().add(tag);
            ids.add(tag.id());
        }
        return ids;
    }

    private Item anItem(List<TagId> tags) {
        Item item = Item.create(ItemId.generate(), owner.id(), new ItemTitle("Item"), null, null, ItemStatus.DRAFT, null,
                tags, tick());
        ports.items().add(item);
        return item;
    }

    private void files(Item item, int count) {
        for (int i = 0; i < count; i++) {
            FileId id = FileId.generate();
            ports.files().add(StoredFile.create(id, owner.id(), item.id(), "file" + i + ".png", "files/" + id.value(),
                    null, 100, new MimeType("image/png"), tick()));
        }
    }

    private static List<Object> concat(List<?> first, List<?> second) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private Instant tick() {
        clock = clock.plus(1, ChronoUnit.SECONDS);
        return clock;
    }
}
