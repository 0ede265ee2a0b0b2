package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.ratelimit.PostgresRateLimitCounters;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.application.auth.ratelimit.Admission;
import dev.trellis.application.auth.ratelimit.RateLimitRule;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway on a database where a Better Auth server with {@code rateLimit.storage: "database"} already made the
 * {@code rate_limit} table (as drizzle-kit writes it) and counts in it: V9 adopts it without a second unique
 * index, and Trellis counts on in the same rows.
 */
class AdoptBetterAuthRateLimitTableTest {

    @Test
    void flyway_adopts_better_auths_rate_limit_table_and_its_counts() {
        DataSource database = TestPostgres.freshDatabase("adopt_ba_rate_limit");
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql(AdoptBetterAuthDatabaseTest.BETTER_AUTH_SCHEMA + """
                CREATE TABLE "rate_limit" (
                	"id" text PRIMARY KEY NOT NULL,
                	"key" text NOT NULL,
                	"count" integer NOT NULL,
                	"last_request" bigint NOT NULL,
                	CONSTRAINT "rate_limit_key_unique" UNIQUE("key")
                );
                """).update();
        Instant now = Instant.parse("2026-03-01T10:00:05Z");
        jdbc.sql("insert into rate_limit (id, key, count, last_request) values ('R1', '203.0.113.7|/sign-in/email', 3, :at)")
                .param("at", now.minusSeconds(4).toEpochMilli()).update();

        MigrateResult result = AdoptBetterAuthDatabaseTest.adoptingFlyway(database).load().migrate();

        assertThat(result.success).isTrue();
        assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'rate_limit' and indexdef like 'CREATE UNIQUE%(key)'")
                .query(Integer.class).single()).isEqualTo(1);
        PostgresRateLimitCounters counters = new PostgresRateLimitCounters(jdbc);
        RateLimitRule signIn = new RateLimitRule(3, Duration.ofSeconds(10));
        assertThat(counters.consume("203.0.113.7|/sign-in/email", signIn, now)).isEqualTo(Admission.refused(6));
        assertThat(counters.consume("203.0.113.7|/sign-in/email", signIn, now.plusSeconds(6))).isEqualTo(Admission.ALLOWED);
        assertThat(jdbc.sql("select id || ':' || count from rate_limit").query(String.class).list()).containsExactly("R1:1");
    }

    @Test
    void a_table_without_a_unique_key_gets_one() {
        DataSource database = TestPostgres.freshDatabase("adopt_ba_rate_limit_plain");
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql(AdoptBetterAuthDatabaseTest.BETTER_AUTH_SCHEMA + """
                CREATE TABLE "rate_limit" ("id" text PRIMARY KEY NOT NULL, "key" text NOT NULL, "count" integer NOT NULL,
                	"last_request" bigint NOT NULL);
                """).update();

        assertThat(AdoptBetterAuthDatabaseTest.adoptingFlyway(database).load().migrate().success).isTrue();

        PostgresRateLimitCounters counters = new PostgresRateLimitCounters(jdbc);
        RateLimitRule one = new RateLimitRule(1, Duration.ofSeconds(10));
        assertThat(counters.consume("k", one, Instant.EPOCH).allowed()).isTrue();
        assertThat(counters.consume("k", one, Instant.EPOCH.plusSeconds(1))).isEqualTo(Admission.refused(9));
    }
}
