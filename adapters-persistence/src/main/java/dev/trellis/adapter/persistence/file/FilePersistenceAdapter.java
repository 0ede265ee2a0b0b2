package dev.trellis.adapter.persistence.file;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.MimeType;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.shared.UserId;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.PostgresErrors.translateVersioned;
import static dev.trellis.adapter.persistence.SqlRows.instant;

/** File references on PostgreSQL: Spring Data JDBC for writes (with the version check), SQL for lists. */
public class FilePersistenceAdapter implements FileRepository {

    public static final String FILE_COLUMNS =
            "f.id, f.user_id, f.item_id, f.filename, f.storage_key, f.url, f.size, f.mime_type, f.created_at, f.version";

    private final JdbcAggregateTemplate aggregates;
    private final JdbcClient jdbc;
    private final FileRowMapper mapper = FileRowMapper.INSTANCE;

    public FilePersistenceAdapter(JdbcAggregateTemplate aggregates, JdbcClient jdbc) {
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    @Override
    public long add(StoredFile file) {
        return translate(() -> aggregates.insert(mapper.toRow(file)).version());
    }

    @Override
    public Optional<StoredFile> findById(FileId id) {
        return translate(() -> Optional.ofNullable(aggregates.findById(id.value(), FileRow.class)).map(mapper::toFile));
    }

    @Override
    public List<StoredFile> findByOwner(UserId owner) {
        return translate(() -> jdbc.sql("select " + FILE_COLUMNS + " from files f where f.user_id = :owner order by f.created_at desc, f.id desc")
                .param("owner", owner.value()).query((rs, n) -> file(rs)).list());
    }

    @Override
    public List<StoredFile> findByItem(ItemId item) {
        return translate(() -> jdbc.sql("select " + FILE_COLUMNS + " from files f where f.item_id = :item order by f.created_at, f.id")
                .param("item", item.value()).query((rs, n) -> file(rs)).list());
    }

    @Override
    public long update(StoredFile file) {
        FileRow row = mapper.toRow(file);
        return translateVersioned(() -> aggregates.update(new FileRow(row.id(), file.version(), row.owner(), row.item(),
                    row.filename(), row.storageKey(), row.url(), row.size(), row.mimeType(), row.createdAt())).version(), () -> new StaleVersion("file", file.id()));
    }

    @Override
    public boolean remove(FileId id) {
        return translate(() -> jdbc.sql("delete from files where id = :id").param("id", id.value()).update() > 0);
    }

    /** Maps the columns of {@link #FILE_COLUMNS}. */
    public static StoredFile file(ResultSet rs) throws SQLException {
        String item = rs.getString("item_id");
        return new StoredFile(new FileId(rs.getString("id")), new UserId(rs.getString("user_id")),
                item == null ? null : new ItemId(item), rs.getString("filename"), rs.getString("storage_key"),
                rs.getString("url"), rs.getLong("size"), new MimeType(rs.getString("mime_type")),
                instant(rs, "created_at"), rs.getLong("version"));
    }
}
