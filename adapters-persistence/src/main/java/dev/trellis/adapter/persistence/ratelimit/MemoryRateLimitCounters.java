package dev.trellis.adapter.persistence.ratelimit;

import dev.trellis.application.auth.ratelimit.Admission;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.application.auth.ratelimit.RateLimitRule;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters in this JVM's memory (Better Auth's {@code storage: "memory"}): fast, but each instance counts
 * apart, so N instances allow N times the budget. Beyond {@value #MAX_TRACKED} keys the oldest-idle ones that
 * no longer matter are dropped at once, as Better Auth's memory store prunes; a flood of fresh keys then forgets
 * counters — the database store does not.
 */
public class MemoryRateLimitCounters implements RateLimitCounters {

    static final int MAX_TRACKED = 100_000;

    private record Counter(int count, long lastRequest, boolean admitted) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile long longestWindowMillis = 1;

    @Override
    public Admission consume(String key, RateLimitRule rule, Instant now) {
        long millis = now.toEpochMilli();
        long window = rule.windowMillis();
        if (window > longestWindowMillis) {
            longestWindowMillis = window;
        }
        if (counters.size() > MAX_TRACKED) {
            long before = millis - longestWindowMillis;
            counters.values().removeIf(counter -> counter.lastRequest() < before);
            if (counters.size() > MAX_TRACKED) {
                counters.clear();
            }
        }
        Counter counter = counters.compute(key, (k, current) -> {
            if (current == null || millis - current.lastRequest() >= window) {
                return new Counter(1, millis, true);
            }
            if (current.count() < rule.max()) {
                return new Counter(current.count() + 1, millis, true);
            }
            return current.admitted() ? new Counter(current.count(), current.lastRequest(), false) : current;
        });
        return counter.admitted() ? Admission.ALLOWED : Admission.refusedUntil(counter.lastRequest(), rule, millis);
    }

    @Override
    public int removeIdleSince(Instant before, int limit) {
        int removed = 0;
        for (var entry : counters.entrySet()) {
            if (removed >= limit) {
                break;
            }
            if (entry.getValue().lastRequest() < before.toEpochMilli() && counters.remove(entry.getKey(), entry.getValue())) {
                removed++;
            }
        }
        return removed;
    }
}
