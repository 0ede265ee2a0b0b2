package dev.trellis.event.consumer;

import dev.trellis.event.consumer.fence.AggregateKey;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.jdbc.JdbcBatchHandler;
import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.FileState;
import dev.trellis.event.contract.payload.ItemState;
import dev.trellis.event.contract.payload.TagState;
import dev.trellis.event.contract.payload.UserState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small downstream projection in SQL, shaped like the graph one: users, items, tags, files, item-tag links;
 * a named aggregate not yet seen becomes a placeholder row, a deleted one is never named again (the plan says
 * which). Every effect also writes a row to {@code effect_log}, which has no unique key, so an event applied
 * twice would show as two rows.
 */
public final class TestProjection implements JdbcBatchHandler.Effect {

    private final DataSource dataSource;

    public TestProjection(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    create table proj_user (id text primary key, name text);
                    create table proj_item (id text primary key, owner_id text, title text, placeholder boolean not null);
                    create table proj_tag (id text primary key, name text, placeholder boolean not null);
                    create table proj_file (id text primary key, item_id text, filename text);
                    create table proj_item_tag (item_id text, tag_id text, primary key (item_id, tag_id));
                    create table effect_log (event_id text not null, aggregate text not null, version bigint not null);
                    """);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void apply(Connection connection, BatchPlan plan) throws SQLException {
        for (TrellisEvent event : plan.upserts()) {
            if (event.payload() instanceof UserState user) {
                update(connection, "insert into proj_user values (?, ?) on conflict (id) do update set name = excluded.name",
                        user.id(), user.name());
            } else if (event.payload() instanceof ItemState item) {
                update(connection, "insert into proj_item values (?, ?, ?, false) on conflict (id) do update"
                        + " set owner_id = excluded.owner_id, title = excluded.title, placeholder = false", item.id(), item.ownerId(), item.title());
                update(connection, "delete from proj_item_tag where item_id = ?", item.id());
                for (String tagId : plan.withoutDeleted(AggregateType.TAG, item.tagIds())) {
                    update(connection, "insert into proj_tag values (?, null, true) on conflict (id) do nothing", tagId);
                    update(connection, "insert into proj_item_tag values (?, ?)", item.id(), tagId);
                }
            } else if (event.payload() instanceof TagState tag) {
                update(connection, "insert into proj_tag values (?, ?, false) on conflict (id) do update"
                        + " set name = excluded.name, placeholder = false", tag.id(), tag.name());
            } else if (event.payload() instanceof FileState file) {
                String itemId = plan.isDeleted(AggregateType.ITEM, file.itemId()) ? null : file.itemId();
                if (itemId != null) {
                    update(connection, "insert into proj_item values (?, null, null, true) on conflict (id) do nothing", itemId);
                }
                update(connection, "insert into proj_file values (?, ?, ?) on conflict (id) do update"
                        + " set item_id = excluded.item_id, filename = excluded.filename", file.id(), itemId, file.filename());
            }
            log(connection, event);
        }
        for (TrellisEvent event : plan.deletions()) {
            String id = event.subject();
            switch (event.aggregate()) {
                case USER -> update(connection, "delete from proj_user where id = ?", id);
                case ITEM -> {
                    update(connection, "delete from proj_item_tag where item_id = ?", id);
                    update(connection, "update proj_file set item_id = null where item_id = ?", id);
                    update(connection, "delete from proj_item where id = ?", id);
                }
                case TAG -> {
                    update(connection, "delete from proj_item_tag where tag_id = ?", id);
                    update(connection, "delete from proj_tag where id = ?", id);
                }
                case FILE -> update(connection, "delete from proj_file where id = ?", id);
            }
            log(connection, event);
        }
    }

    private static void log(Connection connection, TrellisEvent event) throws SQLException {
        update(connection, "insert into effect_log values (?, ?, ?)", event.id(), AggregateKey.of(event).toString(), event.version());
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** The first column of the first row, as a long (a count). */
    public long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Effects applied, and effects of distinct events: equal unless an event was applied twice. */
    public long effects() {
        return count("select count(*) from effect_log");
    }

    public long distinctEffects() {
        return count("select count(distinct event_id) from effect_log");
    }

    public boolean exists(String table, String id) {
        return count("select count(*) from " + table + " where id = ?", id) > 0;
    }
}
