package dev.trellis.application.auth.ratelimit;

/** The answer for one request: admitted, or refused with the whole seconds until it would be admitted again. */
public record Admission(boolean allowed, long retryAfterSeconds) {

    public static final Admission ALLOWED = new Admission(true, 0);

    public Admission {
        if (allowed ? retryAfterSeconds != 0 : retryAfterSeconds < 1) {
            throw new IllegalArgumentException("an admission waits 0 s, a refusal at least 1 s: " + retryAfterSeconds);
        }
    }

    public static Admission refused(long retryAfterSeconds) {
        return new Admission(false, retryAfterSeconds);
    }

    /** Better Auth's {@code X-Retry-After}: {@code ceil((lastRequest + window - now) / 1000)} seconds. */
    public static Admission refusedUntil(long lastRequestMillis, RateLimitRule rule, long nowMillis) {
        long waitMillis = lastRequestMillis + rule.windowMillis() - nowMillis;
        return refused(Math.max(1, (waitMillis + 999) / 1000));
    }
}
