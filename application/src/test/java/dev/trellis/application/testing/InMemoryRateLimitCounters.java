package dev.trellis.application.testing;

import dev.trellis.application.auth.ratelimit.Admission;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.application.auth.ratelimit.RateLimitRule;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Better Auth's window over a map, one request at a time. */
public class InMemoryRateLimitCounters implements RateLimitCounters {

    private record Counter(int count, long lastRequest) {
    }

    private final Map<String, Counter> counters = new LinkedHashMap<>();

    @Override
    public synchronized Admission consume(String key, RateLimitRule rule, Instant now) {
        long millis = now.toEpochMilli();
        Counter counter = counters.get(key);
        if (counter == null || millis - counter.lastRequest() >= rule.windowMillis()) {
            counters.put(key, new Counter(1, millis));
            return Admission.ALLOWED;
        }
        if (counter.count() >= rule.max()) {
            return Admission.refusedUntil(counter.lastRequest(), rule, millis);
        }
        counters.put(key, new Counter(counter.count() + 1, millis));
        return Admission.ALLOWED;
    }

    @Override
    public synchronized int removeIdleSince(Instant before, int limit) {
        int removed = 0;
        for (Iterator<Counter> it = counters.values().iterator(); it.hasNext() && removed < limit; ) {
            if (it.next().lastRequest() < before.toEpochMilli()) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    public synchronized int size() {
        return counters.size();
    }
}
