package dev.trellis.application.auth.ratelimit;

import java.time.Duration;

/** At most {@code max} requests per {@code window}, as Better Auth states its rules ({@code {window, max}}). */
public record RateLimitRule(int max, Duration window) {

    public RateLimitRule {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (window == null || window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least 1 ms: " + window);
        }
    }

    public long windowMillis() {
        return window.toMillis();
    }
}
