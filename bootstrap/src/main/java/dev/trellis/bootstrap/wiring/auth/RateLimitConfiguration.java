package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.persistence.ratelimit.MemoryRateLimitCounters;
import dev.trellis.adapter.persistence.ratelimit.PostgresRateLimitCounters;
import dev.trellis.application.auth.ratelimit.CountRequest;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.Locale;

/**
 * Where Better Auth's rate limits count: {@code trellis.auth.rate-limit.storage} ({@code TRELLIS_AUTH_RATE_LIMIT_STORAGE})
 * {@code database} (the default: the {@code rate_limit} table, one budget for every instance and for a Better
 * Auth server on the same database) or {@code memory} (this JVM alone).
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    @Bean
    RateLimitCounters rateLimitCounters(@Value("${trellis.auth.rate-limit.storage:database}") String storage, JdbcClient jdbc) {
        return switch (storage.strip().toLowerCase(Locale.ROOT)) {
            case "database" -> new PostgresRateLimitCounters(jdbc);
            case "memory" -> new MemoryRateLimitCounters();
            default -> throw new IllegalArgumentException("TRELLIS_AUTH_RATE_LIMIT_STORAGE (trellis.auth.rate-limit.storage) "
                    + "must be `database` or `memory`, not `" + storage + "`");
        };
    }

    @Bean
    CountRequest countRequest(RateLimitCounters counters, Clock clock) {
        return new CountRequest(counters, clock);
    }
}
