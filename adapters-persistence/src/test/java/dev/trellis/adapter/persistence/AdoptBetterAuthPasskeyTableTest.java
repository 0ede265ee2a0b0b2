package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.auth.PasskeyPersistenceAdapter;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.application.auth.passkey.Passkey;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway on a database where a Better Auth server with the passkey plugin already made the
 * {@code passkey} table (as drizzle-kit writes it) and holds a passkey: V8 adopts it, the instant is
 * kept, and Trellis's adapter reads, counts and renames that passkey and adds its own beside it.
 */
class AdoptBetterAuthPasskeyTableTest {

    @Test
    void flyway_adopts_the_passkey_table_of_better_auths_passkey_plugin_and_keeps_its_passkeys() {
        DataSource database = TestPostgres.freshDatabase("adopt_ba_passkey");
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql(AdoptBetterAuthDatabaseTest.BETTER_AUTH_SCHEMA + """
                CREATE TABLE "passkey" (
                	"id" text PRIMARY KEY NOT NULL,
                	"name" text,
                	"public_key" text NOT NULL,
                	"user_id" text NOT NULL,
                	"credential_id" text NOT NULL,
                	"counter" integer NOT NULL,
                	"device_type" text NOT NULL,
                	"backed_up" boolean NOT NULL,
                	"transports" text,
                	"created_at" timestamp,
                	"aaguid" text
                );
                ALTER TABLE "passkey" ADD CONSTRAINT "passkey_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
                CREATE INDEX "passkey_userId_idx" ON "passkey" USING btree ("user_id");
                CREATE INDEX "passkey_credentialID_idx" ON "passkey" USING btree ("credential_id");
                """).update();
        jdbc.sql("""
                insert into "user" (id, name, email, email_verified, created_at, updated_at)
                values ('U1', 'Ada', 'ada@example.com', true, timestamp '2025-06-01 12:00:00', timestamp '2025-06-01 12:00:00')""")
                .update();
        jdbc.sql("""
                insert into passkey (id, name, public_key, user_id, credential_id, counter, device_type, backed_up,
                                     transports, created_at, aaguid)
                values ('P1', 'Phone', 'pQECAyYgASFYIA==', 'U1', 'Y3JlZC0x', 3, 'multiDevice', true, 'hybrid,internal',
                        timestamp '2025-06-01 12:00:00', 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4')""").update();

        MigrateResult result = AdoptBetterAuthDatabaseTest.adoptingFlyway(database)
                .initSql("set time zone 'Pacific/Auckland'").load().migrate();

        assertThat(result.success).isTrue();
        PasskeyPersistenceAdapter passkeys = new PasskeyPersistenceAdapter(jdbc);
        Passkey adopted = passkeys.findByCredentialId("Y3JlZC0x").orElseThrow();
        assertThat(adopted).isEqualTo(new Passkey("P1", "Phone", "U1", "Y3JlZC0x", "pQECAyYgASFYIA==", 3, "multiDevice",
                true, "hybrid,internal", Instant.parse("2025-06-01T12:00:00Z"), "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"));
        assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'passkey' and indexname like 'passkey\\_%\\_idx'")
                .query(Integer.class).single()).isEqualTo(2);

        passkeys.updateCounter("P1", 4);
        passkeys.rename("P1", "Old phone");
        Passkey mine = new Passkey("P2", null, "U1", "Y3JlZC0y", "pQECAyYgASFYIB==", 0, "singleDevice", false, "",
                Instant.parse("2026-01-01T00:00:00.123Z"), null);
        passkeys.add(mine);
        assertThat(passkeys.ownedBy("U1")).containsExactly(adopted.withCounter(4).renamed("Old phone"), mine);
        passkeys.remove("P2");
        assertThat(passkeys.findById("P2")).isEmpty();
        jdbc.sql("delete from \"user\" where id = 'U1'").update();
        assertThat(passkeys.findById("P1")).as("deleting the user deletes the passkeys").isEmpty();
    }
}
