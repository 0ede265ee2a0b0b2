package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.auth.TwoFactorPersistenceAdapter;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.application.auth.twofactor.TwoFactorRecord;
import dev.trellis.domain.shared.UserId;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** V7 adopts the two-factor schema of Better Auth's twoFactor plugin, as drizzle-kit writes it, rows kept. */
class AdoptBetterAuthTwoFactorTest {

    @Test
    void flyway_adopts_the_two_factor_table_and_the_users_flag_and_keeps_the_enrolment() {
        DataSource database = TestPostgres.freshDatabase("adopt_ba_two_factor");
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql(AdoptBetterAuthDatabaseTest.BETTER_AUTH_SCHEMA + """
                ALTER TABLE "user" ADD COLUMN "two_factor_enabled" boolean DEFAULT false;
                CREATE TABLE "two_factor" (
                	"id" text PRIMARY KEY NOT NULL,
                	"secret" text NOT NULL,
                	"backup_codes" text NOT NULL,
                	"user_id" text NOT NULL,
                	"verified" boolean DEFAULT true,
                	"failed_verification_count" integer DEFAULT 0,
                	"locked_until" timestamp
                );
                ALTER TABLE "two_factor" ADD CONSTRAINT "two_factor_user_id_user_id_fk" FOREIGN KEY ("user_id")
                    REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
                CREATE INDEX "twoFactor_secret_idx" ON "two_factor" USING btree ("secret");
                CREATE INDEX "twoFactor_userId_idx" ON "two_factor" USING btree ("user_id");
                """).update();
        jdbc.sql("""
                insert into "user" (id, name, email, email_verified, created_at, updated_at, two_factor_enabled)
                values ('Ada5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3R', 'Ada', 'ada@example.com', true,
                        timestamp '2025-06-01 12:00:00', timestamp '2025-06-01 12:00:00', true)""").update();
        jdbc.sql("""
                insert into two_factor (id, secret, backup_codes, user_id, verified, failed_verification_count, locked_until)
                values ('Tf5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3Rq', 'aa00', 'bb11', 'Ada5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3R', true, 3,
                        timestamp '2025-07-01 12:00:00')""").update();

        MigrateResult result = AdoptBetterAuthDatabaseTest.adoptingFlyway(database)
                .initSql("set time zone 'Pacific/Auckland'").load().migrate();

        assertThat(result.success).isTrue();
        TwoFactorPersistenceAdapter adapter = new TwoFactorPersistenceAdapter(jdbc);
        UserId ada = new UserId("Ada5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3R");
        assertThat(adapter.isEnabled(ada)).isTrue();
        TwoFactorRecord record = adapter.findByUser(ada).orElseThrow();
        assertThat(record).usingRecursiveComparison().isEqualTo(new TwoFactorRecord("Tf5Id7Xx9Yy1Zz3Ww5Vv7Uu9Tt1Ss3Rq", ada,
                "aa00", "bb11", true, 3, Instant.parse("2025-07-01T12:00:00Z")));
        assertThat(adapter.countFailure(record.id())).isEqualTo(4);
        assertThat(adapter.replaceBackupCodes(record.id(), "stale", "cc22")).isFalse();
        assertThat(adapter.replaceBackupCodes(record.id(), "bb11", "cc22")).isTrue();
        adapter.clearFailures(record.id());
        assertThat(adapter.findByUser(ada).orElseThrow().lockedUntil()).isNull();
        adapter.setEnabled(ada, false);
        assertThat(adapter.isEnabled(ada)).isFalse();
    }
}
