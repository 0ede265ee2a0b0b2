package dev.trellis.adapter.persistence.ratelimit;

import dev.trellis.application.auth.ratelimit.Admission;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.application.auth.ratelimit.RateLimitRule;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;

/**
 * Better Auth's {@code rateLimit} model in the table {@code rate_limit} ({@code id}, {@code key} unique,
 * {@code count}, {@code last_request} in epoch milliseconds), which a Better Auth server with
 * {@code rateLimit.storage: "database"} on the same database reads and writes too. Each request is one
 * statement: an insert that, when the key exists, updates the row under its lock — starting the count again
 * when the last admitted request is a window old, counting up to {@code max}, and above it leaving
 * {@code last_request} alone and the count at {@code max + 1}, which marks the refusal in what the statement
 * returns. No index but the key's, so every update stays a HOT update.
 */
public class PostgresRateLimitCounters implements RateLimitCounters {

    private static final String CONSUME = """
            insert into rate_limit as r (id, key, count, last_request)
            values (replace(gen_random_uuid()::text, '-', ''), :key, 1, :now)
            on conflict (key) do update set
                count = case when :now - r.last_request >= :window then 1
                             when r.count < :max then r.count + 1
                             else :max + 1 end,
                last_request = case when :now - r.last_request >= :window or r.count < :max then :now
                                    else r.last_request end
            returning count, last_request""";

    private record Row(int count, long lastRequest) {
    }

    private final JdbcClient jdbc;

    public PostgresRateLimitCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Admission consume(String key, RateLimitRule rule, Instant now) {
        long millis = now.toEpochMilli();
        Row row = translate(() -> jdbc.sql(CONSUME)
                .param("key", key)
                .param("now", millis)
                .param("window", rule.windowMillis())
                .param("max", rule.max())
                .query((rs, n) -> new Row(rs.getInt("count"), rs.getLong("last_request")))
                .single());
        return row.count() <= rule.max() ? Admission.ALLOWED : Admission.refusedUntil(row.lastRequest(), rule, millis);
    }

    /** One bounded batch; rows another transaction holds (a request counting) are skipped. */
    @Override
    public int removeIdleSince(Instant before, int limit) {
        if (limit <= 0) {
            return 0;
        }
        return translate(() -> jdbc.sql("""
                        delete from rate_limit where id in (
                            select id from rate_limit where last_request < :before limit :limit
                            for update skip locked)""")
                .param("before", before.toEpochMilli())
                .param("limit", limit)
                .update());
    }
}
