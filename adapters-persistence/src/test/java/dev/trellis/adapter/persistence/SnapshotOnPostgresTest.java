package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.demo.DemoDataSeeder;
import dev.trellis.adapter.persistence.snapshot.CurrentStatePersistenceAdapter;
import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.testing.Tables;
import dev.trellis.application.contract.Ports;
import dev.trellis.application.event.Events;
import dev.trellis.application.snapshot.RepublishCurrentState;
import dev.trellis.application.snapshot.SnapshotPages;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.MimeType;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import dev.trellis.event.contract.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The snapshot on PostgreSQL, through the real adapters and page transactions: it adds its own events
 * and nothing else (no V4 trigger reports it again), each with the aggregate's next version, and it is
 * ordered with a change in flight: the change either commits before the snapshot reads, or takes the
 * version after the snapshot's.
 */
@PostgresTest
@Import(SnapshotOnPostgresTest.PageTransactions.class)
class SnapshotOnPostgresTest {

    /** The page use case as bootstrap wires it: a bean, so that its @Transactional pages are transactions. */
    @TestConfiguration
    static class PageTransactions {
        @Bean
        SnapshotPages snapshotPages(JdbcClient jdbc, Ports ports) {
            return new SnapshotPages(new CurrentStatePersistenceAdapter(jdbc), ports.outbox(), Clock.systemUTC());
        }
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Ports ports;
    @Autowired
    SnapshotPages pages;
    @Autowired
    DemoDataSeeder demoData;

    RepublishCurrentState republish;
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void empty() {
        Tables.truncateAll(jdbc);
        republish = new RepublishCurrentState(pages, ports.users(), 2);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void a_snapshot_adds_one_event_per_aggregate_with_the_next_version_and_no_trigger_reports_it_again() {
        demoData.seed(); // written by SQL: its events come from the V4 triggers
        User owner = aUser("owner@example.com");
        Item item = anItem(owner, "Mine", List.of(new TagId("tag_demowork")));
        ports.files().add(aFile(owner, item.id()));
        ports.files().add(aFile(owner, null));
        long before = lastPosition();

        RepublishCurrentState.Republished republished = republish.handle(SnapshotScope.everything());

        assertThat(republished).isEqualTo(new RepublishCurrentState.Republished(2, 3, 3, 2));
        Map<String, Long> added = jdbc.sql("select event_type, count(*) from outbox where position > :before group by event_type")
                .param("before", before)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(added).isEqualTo(Map.of("user.snapshot", 2L, "item.snapshot", 3L, "tag.snapshot", 3L, "file.snapshot", 2L));
        assertThat(jdbc.sql("""
                        select count(*) from outbox s
                        where s.position > :before
                          and (s.payload ->> 'version')::bigint <> 1 + (select max((p.payload ->> 'version')::bigint) from outbox p
                                                                       where p.aggregate_type = s.aggregate_type
                                                                         and p.aggregate_id = s.aggregate_id
                                                                         and p.position < s.position)""")
                .param("before", before).query(Long.class).single())
                .as("snapshot events whose version is not the previous one + 1").isZero();
        assertThat(jdbc.sql("select count(distinct (aggregate_type, aggregate_id)) from outbox where position > :before")
                .param("before", before).query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void a_change_in_flight_commits_before_the_snapshot_reads_its_item_and_the_snapshot_takes_the_next_version()
            throws Exception {
        User owner = aUser("owner@example.com");
        Item item = anItem(owner, "Before", List.of());
        CountDownLatch changed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        // a use case's transaction: the change and its event (version 2) written, not yet committed
        Future<?> writer = threads.submit(() -> transaction.executeWithoutResult(status -> {
            Item current = ports.items().findById(item.id()).orElseThrow();
            Instant now = Instant.now();
            current.retitle(new ItemTitle("After"), now);
            ports.items().update(current);
            ports.outbox().append(List.of(Events.item(EventType.ITEM_UPDATED, current, List.of(), now, null)));
            changed.countDown();
            await(commit);
        }));
        await(changed);
        Future<RepublishCurrentState.Republished> snapshot = threads.submit(() -> republish.handle(SnapshotScope.of(owner.id())));
        awaitSomeoneWaitingForALock(); // the snapshot, on the item's event lock
        commit.countDown();
        writer.get(60, TimeUnit.SECONDS);

        assertThat(snapshot.get(60, TimeUnit.SECONDS).items()).isEqualTo(1);
        List<Map<String, Object>> events = jdbc.sql("""
                        select event_type, payload ->> 'title' as title, (payload ->> 'version')::bigint as version
                        from outbox where aggregate_type = 'item' and aggregate_id = :id order by position""")
                .param("id", item.id().value())
                .query((rs, n) -> Map.<String, Object>of("type", rs.getString(1), "title", rs.getString(2), "version", rs.getLong(3)))
                .list();
        assertThat(events).containsExactly(
                Map.of("type", "item.created", "title", "Before", "version", 1L),
                Map.of("type", "item.updated", "title", "After", "version", 2L),
                Map.of("type", "item.snapshot", "title", "After", "version", 3L));
    }

    @Test
    void an_aggregate_no_event_ever_counted_gets_version_one() {
        User owner = aUser("owner@example.com");
        Item item = anItem(owner, "From before the outbox", List.of());
        jdbc.sql("delete from aggregate_version where aggregate_id = :id").param("id", item.id().value()).update();
        jdbc.sql("delete from outbox").update();

        republish.handle(SnapshotScope.of(owner.id()));

        assertThat(jdbc.sql("select event_type || ' ' || (payload ->> 'version') from outbox where aggregate_id = :id")
                .param("id", item.id().value()).query(String.class).list()).containsExactly("item.snapshot 1");
        assertThat(jdbc.sql("select version from aggregate_version where aggregate_id = :id")
                .param("id", item.id().value()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void reads_outside_a_transaction_are_refused_as_they_could_not_hold_the_event_order() {
        var state = new CurrentStatePersistenceAdapter(jdbc);

        assertThatThrownBy(() -> state.items(SnapshotScope.everything(), null, 10)).isInstanceOf(IllegalStateException.class);
    }

    private void awaitSomeoneWaitingForALock() throws InterruptedException {
        for (int i = 0; i < 12_000; i++) { // a guard against a hang, not a timing: the wait comes at once
            if (jdbc.sql("select exists (select 1 from pg_locks where not granted)").query(Boolean.class).single()) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("nobody waited for a lock");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the other thread never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long lastPosition() {
        return jdbc.sql("select coalesce(max(position), 0) from outbox").query(Long.class).single();
    }

    private User aUser(String email) {
        User user = User.register(UserId.generate(), "Owner", new EmailAddress(email), true, Instant.now());
        ports.users().add(user);
        return user;
    }

    private Item anItem(User owner, String title, List<TagId> tags) {
        Item item = Item.create(ItemId.generate(), owner.id(), new ItemTitle(title), null, null, ItemStatus.DRAFT, null,
                tags, Instant.now());
        ports.items().add(item);
        return item;
    }

    private static StoredFile aFile(User owner, ItemId item) {
        FileId id = FileId.generate();
        return StoredFile.create(id, owner.id(), item, "a.png", "files/" + id.value(), null, 10, new MimeType("image/png"),
                Instant.now());
    }
}
