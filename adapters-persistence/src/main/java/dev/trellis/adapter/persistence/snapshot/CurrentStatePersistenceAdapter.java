package dev.trellis.adapter.persistence.snapshot;

import dev.trellis.adapter.persistence.PostgresErrors;
import dev.trellis.adapter.persistence.file.FilePersistenceAdapter;
import dev.trellis.adapter.persistence.item.ItemPersistenceAdapter;
import dev.trellis.adapter.persistence.tag.TagPersistenceAdapter;
import dev.trellis.adapter.persistence.user.UserPersistenceAdapter;
import dev.trellis.application.snapshot.CurrentState;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.ItemWithFiles;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.user.UserDetails;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;

/**
 * Snapshot reads on PostgreSQL, each in the caller's transaction (READ COMMITTED, PostgreSQL's
 * default), a fixed number of statements per page: the page's ids (keyset on the primary key), the
 * lock on their event order, their state (items: with tag ids, then their files).
 *
 * <p>The event order of an aggregate is its {@code aggregate_version} row: every event, from a use
 * case or from a V4 trigger, takes the next version through {@code trellis_next_version}, which locks
 * that row until its transaction ends. The page locks those rows ({@code FOR UPDATE}, in id order)
 * before it reads the state, so a writer that got there first has committed when the state is read,
 * and one that comes later waits for the snapshot's commit and takes the version after it. A row is
 * made (version 0) for an aggregate no event ever counted. The lock is taken under a short
 * {@code lock_timeout} inside a savepoint: when a writer holds one of the rows longer, the savepoint
 * is rolled back (releasing what the page had locked, so a writer waiting for it is never deadlocked)
 * and the lock tried again a little later.
 */
public class CurrentStatePersistenceAdapter implements CurrentState {

    static final String LOCK_WAIT = "100ms";
    static final int LOCK_ATTEMPTS = 100;

    private final JdbcClient jdbc;

    public CurrentStatePersistenceAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Page<UserDetails> users(SnapshotScope scope, String after, int limit) {
        return page("user", "select u.id from \"user\" u where " + (scope.isEverything() ? "true" : "u.id = :user"),
                "u.id", scope, after, limit,
                ids -> jdbc.sql(UserPersistenceAdapter.SELECT_DETAILS + " where u.id = any(:ids) order by u.id")
                        .param("ids", ids)
                        .query((rs, n) -> UserPersistenceAdapter.details(rs))
                        .list());
    }

    @Override
    public Page<ItemWithFiles> items(SnapshotScope scope, String after, int limit) {
        return page("item", "select i.id from items i where " + (scope.isEverything() ? "true" : "i.user_id = :user"),
                "i.id", scope, after, limit, ids -> {
                    Map<String, List<StoredFile>> files = jdbc.sql("select " + FilePersistenceAdapter.FILE_COLUMNS
                                    + " from files f where f.item_id = any(:ids) order by f.created_at, f.id")
                            .param("ids", ids)
                            .query((rs, n) -> FilePersistenceAdapter.file(rs))
                            .list().stream()
                            .collect(Collectors.groupingBy(file -> file.item().value(), LinkedHashMap::new, Collectors.toList()));
                    return jdbc.sql("select " + ItemPersistenceAdapter.ITEM_COLUMNS + """
                                    , array(select it.tag_id from item_tags it where it.item_id = i.id order by it.tag_id) as tag_ids
                                    from items i where i.id = any(:ids) order by i.id""")
                            .param("ids", ids)
                            .query((rs, n) -> {
                                List<TagId> tags = Arrays.stream((String[]) rs.getArray("tag_ids").getArray()).map(TagId::new).toList();
                                var item = ItemPersistenceAdapter.item(rs, tags);
                                return new ItemWithFiles(item, files.getOrDefault(item.id().value(), List.of()));
                            })
                            .list();
                });
    }

    @Override
    public Page<Tag> tags(SnapshotScope scope, String after, int limit) {
        return page("tag", "select t.id from tags t where " + (scope.isEverything() ? "true" : """
                        (t.created_by = :user
                         or exists (select 1 from item_tags it join items i on i.id = it.item_id
                                    where it.tag_id = t.id and i.user_id = :user))"""),
                "t.id", scope, after, limit,
                ids -> jdbc.sql("select " + TagPersistenceAdapter.TAG_COLUMNS + " from tags t where t.id = any(:ids) order by t.id")
                        .param("ids", ids)
                        .query((rs, n) -> TagPersistenceAdapter.tag(rs))
                        .list());
    }

    @Override
    public Page<StoredFile> files(SnapshotScope scope, String after, int limit) {
        return page("file", "select f.id from files f where " + (scope.isEverything() ? "true" : "f.user_id = :user"),
                "f.id", scope, after, limit,
                ids -> jdbc.sql("select " + FilePersistenceAdapter.FILE_COLUMNS + " from files f where f.id = any(:ids) order by f.id")
                        .param("ids", ids)
                        .query((rs, n) -> FilePersistenceAdapter.file(rs))
                        .list());
    }

    private interface States<T> {
        List<T> read(String[] ids);
    }

    /**
     * Reads one page: up to {@code limit} ids after {@code after} (one more tells whether a next page
     * exists), holds their event order, then reads their state.
     */
    private <T> Page<T> page(String aggregateType, String selectIds, String idColumn, SnapshotScope scope, String after,
                             int limit, States<T> states) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("snapshot reads run inside the transaction that appends the snapshot's events");
        }
        return translate(() -> {
            var sql = jdbc.sql(selectIds + (after == null ? "" : " and " + idColumn + " > :after")
                    + " order by " + idColumn + " limit :limit");
            if (!scope.isEverything()) {
                sql = sql.param("user", scope.user().value());
            }
            if (after != null) {
                sql = sql.param("after", after);
            }
            List<String> upToOneMore = sql.param("limit", limit + 1).query(String.class).list();
            List<String> ids = upToOneMore.subList(0, Math.min(limit, upToOneMore.size()));
            if (ids.isEmpty()) {
                return new Page<>(List.of(), Optional.empty());
            }
            String[] idArray = ids.toArray(String[]::new);
            holdEventOrder(aggregateType, idArray);
            Optional<String> next = upToOneMore.size() > limit ? Optional.of(ids.get(ids.size() - 1)) : Optional.empty();
            return new Page<>(states.read(idArray), next);
        });
    }

    private void holdEventOrder(String aggregateType, String[] ids) {
        String previousTimeout = jdbc.sql("select current_setting('lock_timeout') as previous, set_config('lock_timeout', :wait, true)")
                .param("wait", LOCK_WAIT)
                .query((rs, n) -> rs.getString("previous"))
                .single();
        for (int attempt = 1; ; attempt++) {
            jdbc.sql("savepoint trellis_snapshot_lock").update();
            try {
                jdbc.sql("""
                                insert into aggregate_version (aggregate_type, aggregate_id, version)
                                select :type, id, 0 from unnest(cast(:ids as text[])) as id
                                on conflict (aggregate_type, aggregate_id) do nothing""")
                        .param("type", aggregateType)
                        .param("ids", ids)
                        .update();
                jdbc.sql("""
                                select aggregate_id from aggregate_version
                                where aggregate_type = :type and aggregate_id = any(:ids)
                                order by aggregate_id for update""")
                        .param("type", aggregateType)
                        .param("ids", ids)
                        .query(String.class)
                        .list();
                jdbc.sql("release savepoint trellis_snapshot_lock").update();
                break;
            } catch (DataAccessException e) {
                if (!PostgresErrors.hasState(e, PostgresErrors.LOCK_NOT_AVAILABLE) || attempt == LOCK_ATTEMPTS) {
                    throw e;
                }
                jdbc.sql("rollback to savepoint trellis_snapshot_lock").update();
                pause(Math.min(10L * attempt, 200L));
            }
        }
        jdbc.sql("select set_config('lock_timeout', :previous, true)").param("previous", previousTimeout).query(String.class).single();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the event locks of a snapshot page", e);
        }
    }
}
