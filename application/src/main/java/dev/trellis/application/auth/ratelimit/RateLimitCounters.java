package dev.trellis.application.auth.ratelimit;

import java.time.Instant;

/**
 * Better Auth's rate-limit counters (its {@code rateLimit} model: {@code key}, {@code count}, {@code lastRequest}
 * in epoch milliseconds), with Better Auth 1.7's window: a key's count starts again at 1 once its last admitted
 * request is a {@code window} old; below {@code max} a request is admitted, counted and becomes the last one; at
 * {@code max} it is refused and the last admitted request stays, so the wait is {@code lastRequest + window - now}.
 * Each call is one atomic step: requests racing on one key, from any number of instances sharing the store,
 * never admit more than {@code max} per window.
 */
public interface RateLimitCounters {

    /** Counts one request under {@code key} at {@code now}. */
    Admission consume(String key, RateLimitRule rule, Instant now);

    /** Deletes up to {@code limit} counters whose last admitted request is before {@code before}; how many went. */
    int removeIdleSince(Instant before, int limit);
}
