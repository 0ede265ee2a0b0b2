package dev.trellis.event.consumer.jdbc;

import dev.trellis.event.consumer.TestEvents;
import dev.trellis.event.consumer.TestPostgres;
import dev.trellis.event.consumer.fence.AggregateKey;
import dev.trellis.event.consumer.fence.Applied;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.fence.BatchPlanner;
import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.TrellisEvent;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.trellis.event.consumer.TestEvents.event;
import static dev.trellis.event.consumer.TestEvents.item;
import static dev.trellis.event.consumer.TestEvents.itemDeleted;
import static dev.trellis.event.consumer.TestEvents.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fence and the tombstones in a real PostgreSQL, in the consumer's transaction. */
class JdbcAppliedVersionsTest {

    private static final String OWNER = "usr_owner0000001";
    private static final AggregateKey ITEM = new AggregateKey(AggregateType.ITEM, "itm_aaaaaaaaaaaa");
    private static final AggregateKey TAG = new AggregateKey(AggregateType.TAG, "tag_aaaaaaaa");

    private final DataSource dataSource = TestPostgres.freshDatabase();

    private static BatchPlan planOf(TrellisEvent... events) {
        List<TrellisEvent> upserts = new ArrayList<>();
        List<TrellisEvent> deletions = new ArrayList<>();
        for (TrellisEvent event : events) {
            (event.type().isDeletion() ? deletions : upserts).add(event);
        }
        return new BatchPlan(upserts, deletions, List.of(), 0, 0, 0);
    }

    private void inTransaction(Clock clock, SqlWork work) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            work.run(new JdbcAppliedVersions(connection, JdbcAppliedVersions.DEFAULT_TABLE, clock), connection);
            connection.commit();
        }
    }

    private interface SqlWork {
        void run(JdbcAppliedVersions versions, Connection connection) throws Exception;
    }

    @Test
    void answers_what_was_recorded_and_leaves_unknown_aggregates_out() throws Exception {
        inTransaction(Clock.systemUTC(), (versions, c) -> versions.record(planOf(
                event(EventType.ITEM_UPDATED, item(ITEM.id(), OWNER, 4)),
                event(EventType.TAG_DELETED, TestEvents.tagDeleted(TAG.id(), 2)))));

        inTransaction(Clock.systemUTC(), (versions, c) -> {
            Map<AggregateKey, Applied> applied = versions.of(List.of(ITEM, TAG, new AggregateKey(AggregateType.FILE, "fil_unknown00000")));
            assertThat(applied).containsOnly(Map.entry(ITEM, new Applied(4, false)), Map.entry(TAG, new Applied(2, true)));
        });
    }

    @Test
    void a_version_never_goes_down_and_a_tombstone_is_never_lifted() throws Exception {
        inTransaction(Clock.systemUTC(), (versions, c) -> versions.record(planOf(event(EventType.ITEM_UPDATED, item(ITEM.id(), OWNER, 5)))));
        inTransaction(Clock.systemUTC(), (versions, c) -> versions.record(planOf(event(EventType.ITEM_UPDATED, item(ITEM.id(), OWNER, 3)))));
        inTransaction(Clock.systemUTC(), (versions, c) -> assertThat(versions.of(List.of(ITEM))).containsEntry(ITEM, new Applied(5, false)));

        inTransaction(Clock.systemUTC(), (versions, c) -> versions.record(planOf(event(EventType.ITEM_DELETED, itemDeleted(ITEM.id(), OWNER, 6)))));
        inTransaction(Clock.systemUTC(), (versions, c) -> versions.record(planOf(event(EventType.ITEM_SNAPSHOT, item(ITEM.id(), OWNER, 7)))));

        inTransaction(Clock.systemUTC(), (versions, c) -> assertThat(versions.of(List.of(ITEM))).containsEntry(ITEM, new Applied(6, true)));
    }

    @Test
    void the_planner_on_the_table_drops_what_was_applied_in_an_earlier_transaction() throws Exception {
        List<TrellisEvent> batch = List.of(event(EventType.ITEM_CREATED, item(ITEM.id(), OWNER, 1)),
                event(EventType.TAG_CREATED, tag(TAG.id(), OWNER, 1)));
        inTransaction(Clock.systemUTC(), (versions, c) -> versions.record(BatchPlanner.plan(batch, versions)));

        inTransaction(Clock.systemUTC(), (versions, c) -> {
            BatchPlan again = BatchPlanner.plan(batch, versions);
            assertThat(again.isEmpty()).isTrue();
            assertThat(again.duplicates()).isEqualTo(2);
        });
    }

    @Test
    void reads_more_keys_than_one_statement_holds() throws Exception {
        List<TrellisEvent> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            many.add(event(EventType.TAG_CREATED, tag("tag_" + String.format("%08d", i), OWNER, 1)));
        }
        inTransaction(Clock.systemUTC(), (versions, c) -> versions.record(BatchPlanner.plan(many, versions)));

        inTransaction(Clock.systemUTC(), (versions, c) ->
                assertThat(versions.of(many.stream().map(AggregateKey::of).toList())).hasSize(2500));
    }

    @Test
    void a_second_transaction_reading_the_same_aggregate_waits_for_the_first_and_sees_its_version() throws Exception {
        inTransaction(Clock.systemUTC(), (versions, c) -> versions.record(planOf(event(EventType.ITEM_UPDATED, item(ITEM.id(), OWNER, 1)))));

        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            JdbcAppliedVersions firstVersions = new JdbcAppliedVersions(first);
            assertThat(firstVersions.of(List.of(ITEM))).containsEntry(ITEM, new Applied(1, false));

            CompletableFuture<Map<AggregateKey, Applied>> second = CompletableFuture.supplyAsync(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    Map<AggregateKey, Applied> seen = new JdbcAppliedVersions(connection).of(List.of(ITEM));
                    connection.commit();
                    return seen;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBlockedOnALock();
            assertThat(second).isNotDone();

            firstVersions.record(planOf(event(EventType.ITEM_UPDATED, item(ITEM.id(), OWNER, 2))));
            first.commit();

            assertThat(second.get(10, TimeUnit.SECONDS)).containsEntry(ITEM, new Applied(2, false));
        }
    }

    @Test
    void purges_only_tombstones_older_than_the_retention() throws Exception {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        AggregateKey oldItem = new AggregateKey(AggregateType.ITEM, "itm_old000000000");
        inTransaction(Clock.fixed(now.minus(Duration.ofDays(31)), ZoneOffset.UTC), (versions, c) -> versions.record(planOf(
                event(EventType.ITEM_DELETED, itemDeleted(oldItem.id(), OWNER, 3)),
                event(EventType.TAG_CREATED, tag(TAG.id(), OWNER, 1)))));
        inTransaction(Clock.fixed(now.minus(Duration.ofDays(29)), ZoneOffset.UTC), (versions, c) -> versions.record(planOf(
                event(EventType.ITEM_DELETED, itemDeleted(ITEM.id(), OWNER, 2)))));

        inTransaction(Clock.fixed(now, ZoneOffset.UTC), (versions, c) ->
                assertThat(versions.purgeTombstones(JdbcAppliedVersions.DEFAULT_TOMBSTONE_RETENTION)).isEqualTo(1));

        inTransaction(Clock.systemUTC(), (versions, c) -> assertThat(versions.of(List.of(oldItem, ITEM, TAG)))
                .containsOnly(Map.entry(ITEM, new Applied(2, true)), Map.entry(TAG, new Applied(1, false))));
    }

    @Test
    void the_table_can_have_another_name_but_not_an_injected_one() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            JdbcAppliedVersions.createTableIfMissing(connection, "graph_applied_version");
            connection.setAutoCommit(false);
            JdbcAppliedVersions versions = new JdbcAppliedVersions(connection, "graph_applied_version", Clock.systemUTC());
            versions.record(planOf(event(EventType.ITEM_UPDATED, item(ITEM.id(), OWNER, 9))));
            assertThat(versions.of(List.of(ITEM))).containsEntry(ITEM, new Applied(9, false));
            connection.commit();
        }
        assertThatThrownBy(() -> new JdbcAppliedVersions(dataSource.getConnection(), "x; drop table y", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Until some backend of this database waits for a row lock. */
    private void awaitBlockedOnALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                         + " and wait_event_type = 'Lock'")) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no transaction waited for the lock");
    }
}
