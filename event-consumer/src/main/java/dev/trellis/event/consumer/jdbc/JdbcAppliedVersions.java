package dev.trellis.event.consumer.jdbc;

import dev.trellis.event.consumer.fence.AggregateKey;
import dev.trellis.event.consumer.fence.Applied;
import dev.trellis.event.consumer.fence.AppliedVersions;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.TrellisEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The version fence and tombstones in a SQL store (PostgreSQL), on the connection of the service's own
 * transaction: {@link #of} reads (and locks) what was applied, {@link #record} writes the plan's new versions
 * and tombstones, and the service commits them together with its effects. The table:
 * {@code trellis_applied_version(aggregate_type, aggregate_id, version, deleted_at)}, DDL in
 * {@link #SCHEMA_RESOURCE} ({@link #createTableIfMissing} runs it).
 *
 * <p>Tombstones are purged after a retention ({@link #purgeTombstones}): a tombstone must outlive every
 * event that could still bring its aggregate back, i.e. the topics' retention plus the longest an event
 * may stay parked in Trellis before it is replayed. {@link #DEFAULT_TOMBSTONE_RETENTION}: 30 days (topics
 * keeping 7 days, parked events replayed within 3 weeks).
 */
public final class JdbcAppliedVersions implements AppliedVersions {

    public static final String DEFAULT_TABLE = "trellis_applied_version";
    public static final String SCHEMA_RESOURCE = "/dev/trellis/event/consumer/trellis_applied_version.sql";
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofDays(30);

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,50}");
    /** Keys per statement: two parameters each, far below PostgreSQL's 65,535. */
    private static final int CHUNK = 1000;
    private static final Comparator<AggregateKey> KEY_ORDER =
            Comparator.comparing((AggregateKey key) -> key.type().code()).thenComparing(AggregateKey::id);

    private final Connection connection;
    private final String table;
    private final Clock clock;

    /** On the default table; the connection is the service's, in its transaction (auto-commit off). */
    public JdbcAppliedVersions(Connection connection) {
        this(connection, DEFAULT_TABLE, Clock.systemUTC());
    }

    /** @param table a plain lower-case name (on the connection's search path) of a table with the DDL's columns */
    public JdbcAppliedVersions(Connection connection, String table, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.table = checkedTableName(table);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What was applied of these aggregates; the rows found stay locked ({@code FOR UPDATE}, in key order) until
     * the transaction ends, so that two instances applying the same aggregate (a rebalance in flight) take turns
     * and the second sees the first's version.
     */
    @Override
    public Map<AggregateKey, Applied> of(Collection<AggregateKey> keys) {
        List<AggregateKey> sorted = new ArrayList<>(keys);
        sorted.sort(KEY_ORDER);
        Map<AggregateKey, Applied> applied = new HashMap<>();
        try {
            for (int from = 0; from < sorted.size(); from += CHUNK) {
                List<AggregateKey> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
                String sql = "select aggregate_type, aggregate_id, version, deleted_at from " + table
                        + " where (aggregate_type, aggregate_id) in (" + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"))
                        + ") order by aggregate_type collate \"C\", aggregate_id collate \"C\" for update";
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    int index = 1;
                    for (AggregateKey key : chunk) {
                        select.setString(index++, key.type().code());
                        select.setString(index++, key.id());
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            AggregateType type = AggregateType.fromCode(rows.getString(1))
                                    .orElseThrow(() -> new IllegalStateException("unknown aggregate type in " + table));
                            applied.put(new AggregateKey(type, rows.getString(2)),
                                    new Applied(rows.getLong(3), rows.getObject(4) != null));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the applied versions from " + table + " failed: " + e.getMessage(), e);
        }
        return applied;
    }

    /**
     * Records the plan: the version of each upsert, and of each deletion with its tombstone. A version never
     * goes down and a tombstone is never lifted, whatever is recorded later.
     */
    public void record(BatchPlan plan) throws SQLException {
        if (plan.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String sql = "insert into " + table + " as applied (aggregate_type, aggregate_id, version, deleted_at) values (?, ?, ?, ?)"
                + " on conflict (aggregate_type, aggregate_id) do update set version = excluded.version, deleted_at = excluded.deleted_at"
                + " where applied.deleted_at is null and applied.version < excluded.version";
        List<TrellisEvent> events = new ArrayList<>(plan.upserts());
        events.addAll(plan.deletions());
        // in key order, like the locks of of(), so that two transactions never wait for each other in a circle
        events.sort(Comparator.comparing(AggregateKey::of, KEY_ORDER));
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            for (TrellisEvent event : events) {
                upsert.setString(1, event.aggregate().code());
                upsert.setString(2, event.subject());
                upsert.setLong(3, event.version());
                upsert.setObject(4, event.type().isDeletion() ? now : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * Deletes the tombstones recorded more than {@code olderThan} ago; returns how many. Run it now and then
     * (daily), in a transaction of its own, with at least {@link #DEFAULT_TOMBSTONE_RETENTION} unless the
     * topics' retention plus the longest parking of an event is known to be shorter.
     */
    public int purgeTombstones(Duration olderThan) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where deleted_at < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(clock.instant().minus(olderThan), ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }

    /** The DDL of {@link #SCHEMA_RESOURCE}, for the default table. */
    public static String schema() {
        try (InputStream in = JdbcAppliedVersions.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the table (and its tombstone index) unless it exists; for services without migrations of their own. */
    public static void createTableIfMissing(Connection connection, String table) throws SQLException {
        String ddl = schema().replace(DEFAULT_TABLE, checkedTableName(table));
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }

    private static String checkedTableName(String table) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain lower-case table name: " + table);
        }
        return table;
    }
}
