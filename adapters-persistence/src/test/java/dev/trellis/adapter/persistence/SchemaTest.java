package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.testing.Tables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema Flyway leaves behind, read from PostgreSQL's catalogs: indexes, Better Auth's
 * columns, foreign-key actions, enums, defaults and the {@code user_defaults} trigger.
 */
@PostgresTest
class SchemaTest {

    /** Every index outside primary keys (and Flyway's own table), with its definition after "USING". */
    static final List<Index> INDEXES = List.of(
            //      table           name                            definition
            index("user", "user_email_key", "btree (email)", true),
            index("session", "session_token_key", "btree (token)", true),
            index("session", "session_userId_idx", "btree (user_id)", false),
            index("session", "session_expires_at_idx", "btree (expires_at)", false),
            index("account", "account_userId_idx", "btree (user_id)", false),
            index("verification", "verification_identifier_idx", "btree (identifier)", false),
            index("verification", "verification_expires_at_idx", "btree (expires_at)", false),
            index("two_factor", "twoFactor_secret_idx", "btree (secret)", false),
            index("two_factor", "twoFactor_userId_idx", "btree (user_id)", false),
            index("passkey", "passkey_userId_idx", "btree (user_id)", false),
            index("passkey", "passkey_credentialID_idx", "btree (credential_id)", false),
            index("rate_limit", "rate_limit_key_key", "btree (key)", true),
            index("account", "account_provider_account_idx", "btree (provider_id, account_id)", false),
            index("items", "items_user_created_idx", "btree (user_id, created_at DESC, id DESC)", false),
            index("items", "items_user_status_created_idx", "btree (user_id, status, created_at DESC, id DESC)", false),
            index("item_tags", "item_tags_tag_id_idx", "btree (tag_id, item_id)", false),
            index("tags", "tags_name_key", "btree (name)", true),
            index("tags", "tags_created_by_idx", "btree (created_by)", false),
            index("files", "files_storage_key_unique", "btree (storage_key)", true),
            index("files", "files_user_created_idx", "btree (user_id, created_at DESC)", false),
            index("files", "files_item_id_idx", "btree (item_id)", false),
            index("files", "files_storage_key_c_idx", "btree (storage_key COLLATE \"C\")", false),
            index("file_deletion", "file_deletion_deleted_at_idx", "btree (deleted_at)", false),
            index("outbox", "outbox_position_key", "btree (\"position\")", true),
            index("outbox", "outbox_created_at_idx", "btree (created_at)", false),
            index("outbox", "outbox_aggregate_idx", "btree (aggregate_type, aggregate_id, \"position\")", false));

    static final String TEXT = "text";
    static final String BOOLEAN = "boolean";
    static final String TIMESTAMPTZ = "timestamp with time zone";
    static final boolean NOT_NULL = false;
    static final boolean NULLABLE = true;

    /** Better Auth's four tables as better-auth-compat.md lists them (with timestamptz, as the seed asks). */
    static final List<Column> BETTER_AUTH_COLUMNS = List.of(
            //      table           column                       type         nullable
            column("user", "id", TEXT, NOT_NULL),
            column("user", "name", TEXT, NOT_NULL),
            column("user", "email", TEXT, NOT_NULL),
            column("user", "email_verified", BOOLEAN, NOT_NULL),
            column("user", "image", TEXT, NULLABLE),
            column("user", "created_at", TIMESTAMPTZ, NOT_NULL),
            column("user", "updated_at", TIMESTAMPTZ, NOT_NULL),
            column("user", "two_factor_enabled", BOOLEAN, NULLABLE), // the twoFactor plugin's (V7)
            column("session", "id", TEXT, NOT_NULL),
            column("session", "expires_at", TIMESTAMPTZ, NOT_NULL),
            column("session", "token", TEXT, NOT_NULL),
            column("session", "created_at", TIMESTAMPTZ, NOT_NULL),
            column("session", "updated_at", TIMESTAMPTZ, NOT_NULL),
            column("session", "ip_address", TEXT, NULLABLE),
            column("session", "user_agent", TEXT, NULLABLE),
            column("session", "user_id", TEXT, NOT_NULL),
            column("account", "id", TEXT, NOT_NULL),
            column("account", "account_id", TEXT, NOT_NULL),
            column("account", "provider_id", TEXT, NOT_NULL),
            column("account", "user_id", TEXT, NOT_NULL),
            column("account", "access_token", TEXT, NULLABLE),
            column("account", "refresh_token", TEXT, NULLABLE),
            column("account", "id_token", TEXT, NULLABLE),
            column("account", "access_token_expires_at", TIMESTAMPTZ, NULLABLE),
            column("account", "refresh_token_expires_at", TIMESTAMPTZ, NULLABLE),
            column("account", "scope", TEXT, NULLABLE),
            column("account", "password", TEXT, NULLABLE),
            column("account", "created_at", TIMESTAMPTZ, NOT_NULL),
            column("account", "updated_at", TIMESTAMPTZ, NOT_NULL),
            column("verification", "id", TEXT, NOT_NULL),
            column("verification", "identifier", TEXT, NOT_NULL),
            column("verification", "value", TEXT, NOT_NULL),
            column("verification", "expires_at", TIMESTAMPTZ, NOT_NULL),
            column("verification", "created_at", TIMESTAMPTZ, NOT_NULL),
            column("verification", "updated_at", TIMESTAMPTZ, NOT_NULL));

    static final String CASCADE = "c";
    static final String SET_NULL = "n";

    /** Every foreign key in the schema and what deleting the referenced row does. */
    static final List<ForeignKey> FOREIGN_KEYS = List.of(
            //          table            column        references  on delete
            foreignKey("session", "user_id", "user", CASCADE),
            foreignKey("account", "user_id", "user", CASCADE),
            foreignKey("passkey", "user_id", "user", CASCADE),
            foreignKey("user_profile", "user_id", "user", CASCADE),
            foreignKey("user_settings", "user_id", "user", CASCADE),
            foreignKey("items", "user_id", "user", CASCADE),
            foreignKey("files", "user_id", "user", CASCADE),
            foreignKey("two_factor", "user_id", "user", CASCADE),
            foreignKey("item_tags", "item_id", "items", CASCADE),
            foreignKey("item_tags", "tag_id", "tags", CASCADE),
            foreignKey("files", "item_id", "items", SET_NULL),
            foreignKey("tags", "created_by", "user", SET_NULL));

    /** Column defaults as PostgreSQL prints them. */
    static final Map<String, String> DEFAULTS = Map.of(
            "user_settings.theme", "'system'::theme",
            "user_settings.language", "'en'::text",
            "user_settings.notifications_enabled", "true",
            "user_profile.timezone", "'UTC'::text",
            "tags.color", "'#6b7280'::text",
            "items.status", "'draft'::item_status");

    @Autowired
    JdbcClient jdbc;

    @Test
    void every_intended_index_exists_with_its_exact_definition_and_there_are_no_others() {
        List<Index> actual = jdbc.sql("""
                        select i.tablename, i.indexname, substring(i.indexdef from ' USING (.*)$') as definition, x.indisunique
                        from pg_indexes i
                        join pg_class c on c.relname = i.indexname and c.relnamespace = i.schemaname::regnamespace
                        join pg_index x on x.indexrelid = c.oid
                        where i.schemaname = current_schema()
                          and i.tablename <> 'flyway_schema_history'
                          and not x.indisprimary""")
                .query((rs, n) -> new Index(rs.getString("tablename"), rs.getString("indexname"),
                        rs.getString("definition"), rs.getBoolean("indisunique")))
                .list();

        assertThat(actual).containsExactlyInAnyOrderElementsOf(INDEXES);
    }

    @Test
    void session_user_id_has_exactly_one_index_the_one_better_auth_made() {
        List<String> leadingWithUserId = jdbc.sql("""
                        select c.relname
                        from pg_index x
                        join pg_class c on c.oid = x.indexrelid
                        join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
                        where x.indrelid = 'session'::regclass and a.attname = 'user_id'""")
                .query(String.class)
                .list();

        assertThat(leadingWithUserId).containsExactly("session_userId_idx");
    }

    @Test
    void better_auth_tables_have_exactly_the_columns_better_auth_knows() {
        List<Column> actual = jdbc.sql("""
                        select table_name, column_name, data_type, is_nullable = 'YES' as nullable
                        from information_schema.columns
                        where table_schema = current_schema()
                          and table_name in ('user', 'session', 'account', 'verification')""")
                .query((rs, n) -> new Column(rs.getString("table_name"), rs.getString("column_name"),
                        rs.getString("data_type"), rs.getBoolean("nullable")))
                .list();

        assertThat(actual).containsExactlyInAnyOrderElementsOf(BETTER_AUTH_COLUMNS);
    }

    @Test
    void every_timestamp_column_is_timestamptz() {
        List<String> timestampTypes = jdbc.sql("""
                        select table_name || '.' || column_name || ': ' || data_type
                        from information_schema.columns
                        where table_schema = current_schema()
                          and table_name <> 'flyway_schema_history'
                          and data_type like 'timestamp%'""")
                .query(String.class)
                .list();

        assertThat(timestampTypes)
                .as("there are timestamp columns to check")
                .hasSizeGreaterThanOrEqualTo(15)
                .allSatisfy(column -> assertThat(column).endsWith(": " + TIMESTAMPTZ));
    }

    @Test
    void foreign_keys_cascade_or_set_null_as_designed() {
        List<ForeignKey> actual = jdbc.sql("""
                        select t.relname as table_name, a.attname as column_name, r.relname as referenced, k.confdeltype
                        from pg_constraint k
                        join pg_class t on t.oid = k.conrelid
                        join pg_class r on r.oid = k.confrelid
                        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
                        where k.contype = 'f'
                          and t.relnamespace = current_schema()::regnamespace
                          and cardinality(k.conkey) = 1""")
                .query((rs, n) -> new ForeignKey(rs.getString("table_name"), rs.getString("column_name"),
                        rs.getString("referenced"), rs.getString("confdeltype")))
                .list();
        int multiColumnKeys = jdbc.sql("""
                        select count(*) from pg_constraint k join pg_class t on t.oid = k.conrelid
                        where k.contype = 'f' and t.relnamespace = current_schema()::regnamespace and cardinality(k.conkey) <> 1""")
                .query(Integer.class).single();

        assertThat(actual).containsExactlyInAnyOrderElementsOf(FOREIGN_KEYS);
        assertThat(multiColumnKeys).isZero();
    }

    @Test
    void enums_have_their_labels_in_order() {
        assertThat(enumLabels("theme")).containsExactly("light", "dark", "system");
        assertThat(enumLabels("item_status")).containsExactly("draft", "published", "archived");
    }

    @Test
    void columns_have_the_seed_defaults() {
        Map<String, String> actual = jdbc.sql("""
                        select table_name || '.' || column_name as name, column_default
                        from information_schema.columns
                        where table_schema = current_schema()
                          and table_name || '.' || column_name = any(:names)""")
                .param("names", DEFAULTS.keySet().toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("name"), String.valueOf(rs.getString("column_default"))))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(actual).containsExactlyInAnyOrderEntriesOf(DEFAULTS);
    }

    @Test
    void a_user_inserted_with_plain_sql_gets_profile_and_settings_exactly_once() {
        Tables.truncateAll(jdbc);
        String betterAuthId = "Xk4Pq9Zr2Lm7Wt1Vb8Nc3Hy6Gd5Fs0Ja"; // 32 alphanumerics, as Better Auth makes them

        jdbc.sql("""
                        insert into "user" (id, name, email, email_verified, image, created_at, updated_at)
                        values (:id, 'Ba User', 'ba.user@example.com', false, null, now(), now())""")
                .param("id", betterAuthId).update();

        assertThat(rowsFor("user_profile", betterAuthId)).isEqualTo(1);
        assertThat(rowsFor("user_settings", betterAuthId)).isEqualTo(1);
        assertThat(jdbc.sql("select theme::text || ',' || language || ',' || notifications_enabled from user_settings where user_id = :id")
                .param("id", betterAuthId).query(String.class).single()).isEqualTo("system,en,true");
        assertThat(jdbc.sql("select timezone from user_profile where user_id = :id")
                .param("id", betterAuthId).query(String.class).single()).isEqualTo("UTC");

        int profilesAdded = jdbc.sql("insert into user_profile (user_id) values (:id) on conflict do nothing")
                .param("id", betterAuthId).update();
        int settingsAdded = jdbc.sql("insert into user_settings (user_id) values (:id) on conflict do nothing")
                .param("id", betterAuthId).update();

        assertThat(profilesAdded).isZero();
        assertThat(settingsAdded).isZero();
        assertThat(rowsFor("user_profile", betterAuthId)).isEqualTo(1);
        assertThat(rowsFor("user_settings", betterAuthId)).isEqualTo(1);
    }

    @Test
    void the_user_triggers_are_the_defaults_and_the_deferred_event_trigger() {
        List<String> triggers = jdbc.sql("""
                        select tgname || ' ' || pg_get_triggerdef(oid)
                        from pg_trigger where tgrelid = '"user"'::regclass and not tgisinternal order by tgname""")
                .query(String.class).list();

        assertThat(triggers).hasSize(2);
        assertThat(triggers.get(0)).startsWith("user_defaults ")
                .contains("AFTER INSERT ON public.\"user\" FOR EACH ROW EXECUTE FUNCTION trellis_create_user_defaults()");
        assertThat(triggers.get(1)).startsWith("user_events ")
                .contains("AFTER INSERT OR DELETE OR UPDATE ON public.\"user\" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW");
    }

    private List<String> enumLabels(String type) {
        return jdbc.sql("""
                        select e.enumlabel from pg_enum e join pg_type t on t.oid = e.enumtypid
                        where t.typname = :type and t.typnamespace = current_schema()::regnamespace
                        order by e.enumsortorder""")
                .param("type", type).query(String.class).list();
    }

    private int rowsFor(String table, String userId) {
        return jdbc.sql("select count(*) from " + table + " where user_id = :id").param("id", userId).query(Integer.class).single();
    }

    record Index(String table, String name, String definition, boolean unique) {
    }

    record Column(String table, String name, String type, boolean nullable) {
    }

    record ForeignKey(String table, String column, String references, String onDelete) {
    }

    static Index index(String table, String name, String definition, boolean unique) {
        return new Index(table, name, definition, unique);
    }

    static Column column(String table, String name, String type, boolean nullable) {
        return new Column(table, name, type, nullable);
    }

    static ForeignKey foreignKey(String table, String column, String references, String onDelete) {
        return new ForeignKey(table, column, references, onDelete);
    }
}
