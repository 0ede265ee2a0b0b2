package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway on a database where a Better Auth server already made its four tables (as its Drizzle
 * schema and drizzle-kit emit them: {@code timestamp} without time zone, its own constraint and
 * index names) and already has a user: the migrations adopt them without losing a row.
 */
class AdoptBetterAuthDatabaseTest {

    /** drizzle-kit's output for Better Auth 1.7's schema, snake_case columns. */
    static final String BETTER_AUTH_SCHEMA = """
            CREATE TABLE "account" (
            	"id" text PRIMARY KEY NOT NULL,
            	"account_id" text NOT NULL,
            	"provider_id" text NOT NULL,
            	"user_id" text NOT NULL,
            	"access_token" text,
            	"refresh_token" text,
            	"id_token" text,
            	"access_token_expires_at" timestamp,
            	"refresh_token_expires_at" timestamp,
            	"scope" text,
            	"password" text,
            	"created_at" timestamp DEFAULT now() NOT NULL,
            	"updated_at" timestamp NOT NULL
            );
            CREATE TABLE "session" (
            	"id" text PRIMARY KEY NOT NULL,
            	"expires_at" timestamp NOT NULL,
            	"token" text NOT NULL,
            	"created_at" timestamp DEFAULT now() NOT NULL,
            	"updated_at" timestamp NOT NULL,
            	"ip_address" text,
            	"user_agent" text,
            	"user_id" text NOT NULL,
            	CONSTRAINT "session_token_unique" UNIQUE("token")
            );
            CREATE TABLE "user" (
            	"id" text PRIMARY KEY NOT NULL,
            	"name" text NOT NULL,
            	"email" text NOT NULL,
            	"email_verified" boolean DEFAULT false NOT NULL,
            	"image" text,
            	"created_at" timestamp DEFAULT now() NOT NULL,
            	"updated_at" timestamp DEFAULT now() NOT NULL,
            	CONSTRAINT "user_email_unique" UNIQUE("email")
            );
            CREATE TABLE "verification" (
            	"id" text PRIMARY KEY NOT NULL,
            	"identifier" text NOT NULL,
            	"value" text NOT NULL,
            	"expires_at" timestamp NOT NULL,
            	"created_at" timestamp DEFAULT now() NOT NULL,
            	"updated_at" timestamp DEFAULT now() NOT NULL
            );
            ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
            ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
            CREATE INDEX "account_userId_idx" ON "account" USING btree ("user_id");
            CREATE INDEX "session_userId_idx" ON "session" USING btree ("user_id");
            CREATE INDEX "verification_identifier_idx" ON "verification" USING btree ("identifier");
            """;

    static final String USER_ID = "Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz1Xc"; // Better Auth's default: 32 alphanumerics
    static final String SESSION_TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    static final String PASSWORD_HASH = "0123456789abcdef0123456789abcdef:" + "ab".repeat(64);

    /** The jwks table of Better Auth's jwt plugin, as drizzle-kit writes it, with a key already in it. */
    @Test
    void flyway_adopts_the_jwks_table_of_better_auths_jwt_plugin_and_keeps_its_keys() {
        DataSource database = TestPostgres.freshDatabase("adopt_ba_jwks");
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql(BETTER_AUTH_SCHEMA + """
                CREATE TABLE "jwks" (
                	"id" text PRIMARY KEY NOT NULL,
                	"public_key" text NOT NULL,
                	"private_key" text NOT NULL,
                	"created_at" timestamp NOT NULL,
                	"expires_at" timestamp,
                	"alg" text,
                	"crv" text
                );
                """).update();
        jdbc.sql("""
                insert into jwks (id, public_key, private_key, created_at, expires_at, alg, crv)
                values ('Kid5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3R', '{"crv":"Ed25519","x":"abc","kty":"OKP"}', '"00ff"',
                        timestamp '2025-06-01 12:00:00', timestamp '2025-07-01 12:00:00', 'EdDSA', 'Ed25519')""").update();

        MigrateResult result = adoptingFlyway(database).initSql("set time zone 'Pacific/Auckland'").load().migrate();

        assertThat(result.success).isTrue();
        assertThat(jdbc.sql("""
                        select column_name || ': ' || data_type from information_schema.columns
                        where table_schema = current_schema() and table_name = 'jwks' and data_type like 'timestamp%'""")
                .query(String.class).list())
                .containsExactlyInAnyOrder("created_at: timestamp with time zone", "expires_at: timestamp with time zone");
        assertThat(isTrue(jdbc, "select created_at = timestamptz '2025-06-01 12:00:00+00'"
                + " and expires_at = timestamptz '2025-07-01 12:00:00+00' from jwks")).isTrue();
        assertThat(jdbc.sql("select id || '|' || public_key || '|' || private_key || '|' || alg || '|' || crv from jwks")
                .query(String.class).list())
                .containsExactly("Kid5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3R|{\"crv\":\"Ed25519\",\"x\":\"abc\",\"kty\":\"OKP\"}|\"00ff\"|EdDSA|Ed25519");
    }

    @Test
    void flyway_adopts_a_database_better_auth_made_and_keeps_every_row_and_instant() {
        DataSource database = TestPostgres.freshDatabase("adopt_ba");
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql(BETTER_AUTH_SCHEMA).update();
        // Better Auth writes UTC wall-clock times into its "timestamp" columns.
        jdbc.sql("""
                        insert into "user" (id, name, email, email_verified, image, created_at, updated_at)
                        values (:id, 'Early Adopter', 'early@example.com', true, null,
                                timestamp '2025-06-01 12:00:00', timestamp '2025-06-02 08:30:00')""")
                .param("id", USER_ID).update();
        jdbc.sql("""
                        insert into session (id, expires_at, token, created_at, updated_at, ip_address, user_agent, user_id)
                        values ('Ses5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3R', timestamp '2025-06-08 12:00:00', :token,
                                timestamp '2025-06-01 12:00:00', timestamp '2025-06-01 12:00:00', '203.0.113.7', 'curl/8', :id)""")
                .param("token", SESSION_TOKEN).param("id", USER_ID).update();
        jdbc.sql("""
                        insert into account (id, account_id, provider_id, user_id, password, created_at, updated_at)
                        values ('Acc5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3R', :id, 'credential', :id, :password,
                                timestamp '2025-06-01 12:00:00', timestamp '2025-06-01 12:00:00')""")
                .param("id", USER_ID).param("password", PASSWORD_HASH).update();

        // A server whose sessions are not in UTC: a conversion that relied on the session's zone would shift instants.
        MigrateResult result = adoptingFlyway(database).initSql("set time zone 'Pacific/Auckland'").load().migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(migrationCount());
        assertThat(jdbc.sql("select version || ':' || type from flyway_schema_history order by installed_rank")
                .query(String.class).list())
                .startsWith("0:BASELINE", "1:SQL", "2:SQL").hasSize(migrationCount() + 1);

        assertThat(jdbc.sql("""
                        select table_name || '.' || column_name || ': ' || data_type
                        from information_schema.columns
                        where table_schema = current_schema() and table_name in ('user', 'session', 'account', 'verification')
                          and data_type like 'timestamp%'""").query(String.class).list())
                .hasSize(12)
                .allSatisfy(column -> assertThat(column).endsWith(": timestamp with time zone"));

        assertThat(isTrue(jdbc, "select created_at = timestamptz '2025-06-01 12:00:00+00' and updated_at = timestamptz '2025-06-02 08:30:00+00' from \"user\"")).isTrue();
        assertThat(isTrue(jdbc, "select expires_at = timestamptz '2025-06-08 12:00:00+00' and created_at = timestamptz '2025-06-01 12:00:00+00' from session")).isTrue();
        assertThat(isTrue(jdbc, "select created_at = timestamptz '2025-06-01 12:00:00+00' and updated_at = timestamptz '2025-06-01 12:00:00+00' from account")).isTrue();

        assertThat(count(jdbc, "select count(*) from user_profile where user_id = '" + USER_ID + "'")).isEqualTo(1);
        assertThat(count(jdbc, "select count(*) from user_settings where user_id = '" + USER_ID + "'")).isEqualTo(1);

        assertThat(indexesLeadingWith(jdbc, "session", "user_id")).containsExactly("session_userId_idx");
        assertThat(indexesLeadingWith(jdbc, "account", "user_id")).containsExactly("account_userId_idx");
        assertThat(indexesLeadingWith(jdbc, "verification", "identifier")).containsExactly("verification_identifier_idx");
        assertThat(indexesLeadingWith(jdbc, "session", "expires_at")).containsExactly("session_expires_at_idx");

        assertThat(jdbc.sql("select id || '|' || name || '|' || email || '|' || email_verified || '|' || coalesce(image, '-') from \"user\"")
                .query(String.class).list())
                .containsExactly(USER_ID + "|Early Adopter|early@example.com|true|-");
        assertThat(jdbc.sql("select token || '|' || user_id || '|' || ip_address || '|' || user_agent from session")
                .query(String.class).list())
                .containsExactly(SESSION_TOKEN + "|" + USER_ID + "|203.0.113.7|curl/8");
        assertThat(jdbc.sql("select provider_id || '|' || account_id || '|' || user_id || '|' || password from account")
                .query(String.class).list())
                .containsExactly("credential|" + USER_ID + "|" + USER_ID + "|" + PASSWORD_HASH);

        // Better Auth's own constraints still hold after the columns were retyped.
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into "user" (id, name, email, created_at, updated_at)
                        values ('Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp', 'Twin', 'early@example.com', now(), now())""").update())
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("user_email_unique");
        jdbc.sql("delete from \"user\" where id = :id").param("id", USER_ID).update();
        assertThat(count(jdbc, "select count(*) from session")).isZero();
        assertThat(count(jdbc, "select count(*) from account")).isZero();
        assertThat(count(jdbc, "select count(*) from user_settings")).isZero();
    }

    @Test
    void flyway_with_its_defaults_refuses_a_schema_better_auth_already_filled() {
        DataSource database = TestPostgres.freshDatabase("adopt_ba_defaults");
        JdbcClient.create(database).sql(BETTER_AUTH_SCHEMA).update();

        assertThatThrownBy(() -> Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("no schema history table");
    }

    @Test
    void flyway_migrates_an_empty_database_and_a_second_run_does_nothing() {
        DataSource database = TestPostgres.freshDatabase("fresh_migrate");
        Flyway flyway = adoptingFlyway(database).load();

        MigrateResult first = flyway.migrate();
        MigrateResult second = flyway.migrate();

        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isEqualTo(migrationCount());
        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();
        assertThat(flyway.info().pending()).isEmpty();
        JdbcClient jdbc = JdbcClient.create(database);
        assertThat(jdbc.sql("select version || ':' || success from flyway_schema_history where version is not null order by installed_rank")
                .query(String.class).list())
                .startsWith("1:true", "2:true").hasSize(migrationCount()).allMatch(entry -> entry.endsWith(":true"));
        assertThat(indexesLeadingWith(jdbc, "session", "user_id")).containsExactly("session_userId_idx");
    }

    /**
     * Flyway as the application must configure it to adopt a Better Auth database: a non-empty schema
     * without history is baselined at version 0 (below V1), so that V1 still runs and retypes its
     * tables. With Flyway's default baseline version (1), V1 would be skipped. On an empty schema
     * these settings change nothing.
     */
    static FluentConfiguration adoptingFlyway(DataSource database) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("0");
    }

    private static boolean isTrue(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Boolean.class).single();
    }

    private static int count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    private static List<String> indexesLeadingWith(JdbcClient jdbc, String table, String column) {
        return jdbc.sql("""
                        select c.relname
                        from pg_index x
                        join pg_class c on c.oid = x.indexrelid
                        join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
                        where x.indrelid = cast(:table as regclass) and a.attname = :column
                        order by c.relname""")
                .param("table", table).param("column", column)
                .query(String.class).list();
    }

    /** The versioned migrations shipped in db/migration. */
    static int migrationCount() {
        try {
            return new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                    .getResources("classpath:db/migration/V*__*.sql").length;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
