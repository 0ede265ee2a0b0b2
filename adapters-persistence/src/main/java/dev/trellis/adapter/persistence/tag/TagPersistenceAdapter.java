package dev.trellis.adapter.persistence.tag;

import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.domain.shared.UserId;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.PostgresErrors.translateVersioned;
import static dev.trellis.adapter.persistence.SqlRows.instant;

/** Tags on PostgreSQL: Spring Data JDBC for writes (with the version check), SQL for reads. */
public class TagPersistenceAdapter implements TagRepository {

    public static final String TAG_COLUMNS = "t.id, t.name, t.color, t.created_by, t.created_at, t.version";

    private final JdbcAggregateTemplate aggregates;
    private final JdbcClient jdbc;
    private final TagRowMapper mapper = TagRowMapper.INSTANCE;

    public TagPersistenceAdapter(JdbcAggregateTemplate aggregates, JdbcClient jdbc) {
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    @Override
    public long add(Tag tag) {
        return translate(() -> aggregates.insert(mapper.toRow(tag)).version());
    }

    @Override
    public Optional<Tag> findById(TagId id) {
        return translate(() -> Optional.ofNullable(aggregates.findById(id.value(), TagRow.class)).map(mapper::toTag));
    }

    @Override
    public Optional<Tag> findByName(TagName name) {
        return translate(() -> jdbc.sql("select " + TAG_COLUMNS + " from tags t where t.name = :name")
                .param("name", name.value()).query((rs, n) -> tag(rs)).optional());
    }

    @Override
    public List<Tag> findAllById(Collection<TagId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return translate(() -> jdbc.sql("select " + TAG_COLUMNS + " from tags t where t.id = any(:ids) order by t.name")
                .param("ids", ids.stream().map(TagId::value).distinct().toArray(String[]::new))
                .query((rs, n) -> tag(rs)).list());
    }

    @Override
    public List<Tag> findAll() {
        return translate(() -> jdbc.sql("select " + TAG_COLUMNS + " from tags t order by t.name").query((rs, n) -> tag(rs)).list());
    }

    @Override
    public long update(Tag tag) {
        TagRow row = mapper.toRow(tag);
        return translateVersioned(() -> aggregates.update(new TagRow(row.id(), tag.version(), row.name(), row.color(),
                    row.createdBy(), row.createdAt())).version(), () -> new StaleVersion("tag", tag.id()));
    }

    @Override
    public boolean isUsedByOthersThan(TagId id, UserId user) {
        return translate(() -> jdbc.sql("""
                        select exists (select 1 from item_tags it join items i on i.id = it.item_id
                                       where it.tag_id = :tag and i.user_id <> :user)""")
                .param("tag", id.value()).param("user", user.value()).query(Boolean.class).single());
    }

    @Override
    public boolean remove(TagId id) {
        return translate(() -> jdbc.sql("delete from tags where id = :id").param("id", id.value()).update() > 0);
    }

    /** Maps the columns of {@link #TAG_COLUMNS}. */
    public static Tag tag(ResultSet rs) throws SQLException {
        String createdBy = rs.getString("created_by");
        return new Tag(new TagId(rs.getString("id")), new TagName(rs.getString("name")), new TagColor(rs.getString("color")),
                createdBy == null ? null : new UserId(createdBy), instant(rs, "created_at"), rs.getLong("version"));
    }
}
