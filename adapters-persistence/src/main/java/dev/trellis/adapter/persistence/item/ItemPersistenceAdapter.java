package dev.trellis.adapter.persistence.item;

import dev.trellis.adapter.persistence.SqlRows;
import dev.trellis.adapter.persistence.file.FilePersistenceAdapter;
import dev.trellis.adapter.persistence.tag.TagPersistenceAdapter;
import dev.trellis.adapter.persistence.user.UserPersistenceAdapter;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemCursor;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemPage;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.item.ItemWithFiles;
import dev.trellis.domain.item.ItemWithTags;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.PostgresErrors.translateVersioned;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * Items on PostgreSQL. Writes go through Spring Data JDBC (the row, its tag links and the version
 * check in one aggregate); reads with relations are hand-written SQL, a fixed number of statements
 * each: item with tags 2, with files 3, in full 3, a page of items with their tags 2. A write is
 * the row and its links in one transaction (joining the caller's when there is one).
 */
public class ItemPersistenceAdapter implements ItemRepository {

    public static final String ITEM_COLUMNS =
            "i.id, i.user_id, i.title, i.description, i.content, i.status, i.image_url, i.created_at, i.updated_at, i.version";

    private final JdbcAggregateTemplate aggregates;
    private final JdbcClient jdbc;
    private final TransactionOperations transaction;

    public ItemPersistenceAdapter(JdbcAggregateTemplate aggregates, JdbcClient jdbc, TransactionOperations transaction) {
        this.aggregates = aggregates;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public long add(Item item) {
        return translate(() -> transaction.execute(status -> aggregates.insert(toRow(item, null))).version());
    }

    @Override
    public Optional<Item> findById(ItemId id) {
        return translate(() -> Optional.ofNullable(aggregates.findById(id.value(), ItemRow.class)).map(ItemPersistenceAdapter::toItem));
    }

    @Override
    public long update(Item item) {
        return translateVersioned(() -> transaction.execute(status -> aggregates.update(toRow(item, item.version()))).version(), () -> new StaleVersion("item", item.id()));
    }

    @Override
    public boolean remove(ItemId id) {
        // item_tags cascade and files.item_id is set null by the schema.
        return translate(() -> jdbc.sql("delete from items where id = :id").param("id", id.value()).update() > 0);
    }

    @Override
    public Optional<ItemWithTags> findWithTags(ItemId id) {
        return translate(() -> selectItem(id).map(row -> {
            List<Tag> tags = tagsOf(List.of(row.id())).getOrDefault(row.id(), List.of());
            return new ItemWithTags(row.toItem(tagIds(tags)), tags);
        }));
    }

    @Override
    public Optional<ItemWithFiles> findWithFiles(ItemId id) {
        return translate(() -> findById(id).map(item -> new ItemWithFiles(item, filesOf(id))));
    }

    @Override
    public Optional<ItemDetails> findDetails(ItemId id) {
        return translate(() -> jdbc.sql("select " + ITEM_COLUMNS + """
                        , u.id as owner_id, u.name as owner_name, u.email as owner_email,
                          u.email_verified as owner_email_verified, u.image as owner_image,
                          u.created_at as owner_created_at, u.updated_at as owner_updated_at,
                          u.two_factor_enabled as owner_two_factor_enabled
                        from items i join "user" u on u.id = i.user_id
                        where i.id = :id""")
                .param("id", id.value())
                .query((rs, n) -> new OwnedItemRow(itemRow(rs), UserPersistenceAdapter.user(rs, "owner_")))
                .optional()
                .map(owned -> {
                    List<Tag> tags = tagsOf(List.of(owned.item().id())).getOrDefault(owned.item().id(), List.of());
                    return new ItemDetails(owned.item().toItem(tagIds(tags)), tags, filesOf(id), owned.owner());
                }));
    }

    @Override
    public ItemPage findPage(ItemQuery query) {
        return translate(() -> {
            StringBuilder sql = new StringBuilder("select " + ITEM_COLUMNS + " from items i where i.user_id = :owner");
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("owner", query.owner().value());
            query.status().ifPresent(status -> {
                sql.append(" and i.status = cast(:status as item_status)");
                params.put("status", status.code());
            });
            query.tag().ifPresent(tag -> {
                sql.append(" and exists (select 1 from item_tags it where it.item_id = i.id and it.tag_id = :tag)");
                params.put("tag", tag.value());
            });
            query.titleContains().ifPresent(q -> {
                sql.append(" and i.title ilike :q");
                params.put("q", SqlRows.likeContains(q));
            });
            query.after().ifPresent(cursor -> {
                // Keyset: strictly after the last row of the previous page in (created_at desc, id desc) order.
                sql.append(" and (i.created_at, i.id) < (:afterCreatedAt, :afterId)");
                params.put("afterCreatedAt", utc(cursor.createdAt()));
                params.put("afterId", cursor.id().value());
            });
            // One row more than asked tells whether a next page exists.
            sql.append(" order by i.created_at desc, i.id desc limit :limit");
            params.put("limit", query.limit() + 1);

            List<ItemRowView> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> itemRow(rs)).list();
            boolean more = rows.size() > query.limit();
            List<ItemRowView> page = more ? rows.subList(0, query.limit()) : rows;
            Map<String, List<Tag>> tags = tagsOf(page.stream().map(ItemRowView::id).toList());
            List<ItemWithTags> items = new ArrayList<>(page.size());
            for (ItemRowView row : page) {
                List<Tag> itemTags = tags.getOrDefault(row.id(), List.of());
                items.add(new ItemWithTags(row.toItem(tagIds(itemTags)), itemTags));
            }
            Optional<ItemCursor> next = more ? Optional.of(ItemCursor.after(items.get(items.size() - 1).item())) : Optional.empty();
            return new ItemPage(items, next);
        });
    }

    private Optional<ItemRowView> selectItem(ItemId id) {
        return jdbc.sql("select " + ITEM_COLUMNS + " from items i where i.id = :id")
                .param("id", id.value())
                .query((rs, n) -> itemRow(rs))
                .optional();
    }

    /** The tags of all the given items, by item id, each list ordered by tag name: one statement. */
    private Map<String, List<Tag>> tagsOf(List<String> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select it.item_id, " + TagPersistenceAdapter.TAG_COLUMNS + """
                         from item_tags it join tags t on t.id = it.tag_id
                        where it.item_id = any(:ids)
                        order by it.item_id, t.name""")
                .param("ids", itemIds.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("item_id"), TagPersistenceAdapter.tag(rs)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private List<StoredFile> filesOf(ItemId item) {
        return jdbc.sql("select " + FilePersistenceAdapter.FILE_COLUMNS + " from files f where f.item_id = :id order by f.created_at, f.id")
                .param("id", item.value())
                .query((rs, n) -> FilePersistenceAdapter.file(rs))
                .list();
    }

    /** Maps the columns of {@link #ITEM_COLUMNS}; the tag links come from elsewhere. */
    public static Item item(ResultSet rs, List<TagId> tags) throws SQLException {
        return itemRow(rs).toItem(tags);
    }

    private static List<TagId> tagIds(List<Tag> tags) {
        return tags.stream().map(Tag::id).toList();
    }

    private static ItemRowView itemRow(ResultSet rs) throws SQLException {
        return new ItemRowView(rs.getString("id"), rs.getString("user_id"), rs.getString("title"),
                rs.getString("description"), rs.getString("content"), rs.getString("status"), rs.getString("image_url"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
    }

    private static ItemRow toRow(Item item, Long version) {
        return new ItemRow(item.id().value(), version, item.owner().value(), item.title().value(), item.description(),
                item.content(), item.status(), item.imageUrl() == null ? null : item.imageUrl().value(),
                item.createdAt(), item.updatedAt(),
                item.tags().stream().map(tag -> new ItemTagRow(tag.value())).collect(Collectors.toSet()));
    }

    private static Item toItem(ItemRow row) {
        return Item.restore(new ItemId(row.id()), new UserId(row.userId()), new ItemTitle(row.title()),
                row.description(), row.content(), row.status(), WebUrl.parseOptional("imageUrl", row.imageUrl()),
                row.createdAt(), row.updatedAt(),
                row.tags().stream().map(link -> new TagId(link.tagId())).sorted(java.util.Comparator.comparing(TagId::value)).toList(),
                row.version());
    }

    /** An {@code items} row read by hand; its tags come from a second statement. */
    private record ItemRowView(String id, String userId, String title, String description, String content,
                               String status, String imageUrl, java.time.Instant createdAt,
                               java.time.Instant updatedAt, long version) {
        Item toItem(List<TagId> tags) {
            return Item.restore(new ItemId(id), new UserId(userId), new ItemTitle(title), description, content,
                    ItemStatus.fromCode(status), WebUrl.parseOptional("imageUrl", imageUrl), createdAt, updatedAt,
                    tags, version);
        }
    }

    private record OwnedItemRow(ItemRowView item, User owner) {
    }
}
