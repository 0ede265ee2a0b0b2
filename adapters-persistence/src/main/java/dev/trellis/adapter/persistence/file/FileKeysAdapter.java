package dev.trellis.adapter.persistence.file;

import dev.trellis.application.file.FileKeys;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.List;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;

/**
 * The files' storage keys on PostgreSQL: the rows' keys in byte order ({@code collate "C"}, as Java
 * compares ASCII), and the {@code file_deletion} queue a trigger fills whenever a file row is deleted.
 */
public class FileKeysAdapter implements FileKeys {

    private final JdbcClient jdbc;

    public FileKeysAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> after(String after, int limit) {
        return translate(() -> jdbc.sql("""
                        select storage_key from files
                        where :after::text is null or storage_key collate "C" > :after::text
                        order by storage_key collate "C" limit :limit""")
                .param("after", after).param("limit", limit).query(String.class).list());
    }

    @Override
    public boolean exists(String key) {
        return translate(() -> jdbc.sql("select exists (select 1 from files where storage_key = :key)")
                .param("key", key).query(Boolean.class).single());
    }

    @Override
    public List<String> deleted(int limit) {
        return translate(() -> {
            // a key a row points at again (restored by hand) is not to be removed: off the queue with it
            jdbc.sql("delete from file_deletion d where exists (select 1 from files f where f.storage_key = d.storage_key)").update();
            return jdbc.sql("select storage_key from file_deletion order by deleted_at, storage_key limit :limit")
                    .param("limit", limit).query(String.class).list();
        });
    }

    @Override
    public long deletedCount() {
        return translate(() -> jdbc.sql("select count(*) from file_deletion").query(Long.class).single());
    }

    @Override
    public void forget(Collection<String> keys) {
        if (!keys.isEmpty()) {
            translate(() -> jdbc.sql("delete from file_deletion where storage_key in (:keys)")
                    .param("keys", List.copyOf(keys)).update());
        }
    }
}
