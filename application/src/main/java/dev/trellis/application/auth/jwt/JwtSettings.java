package dev.trellis.application.auth.jwt;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code jwt} plugin's options: issuer and audience (Better Auth's default: the base URL), the
 * tokens' lifetime (15 minutes), how long a key signs before a new one is made ({@code null}: for
 * ever, Better Auth's default) and how long an expired key is still published so that tokens it
 * signed keep verifying (30 days).
 */
public record JwtSettings(String issuer, String audience, Duration lifetime, Duration rotationInterval,
                          Duration gracePeriod) {

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofDays(30);

    public JwtSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (rotationInterval != null && (rotationInterval.isZero() || rotationInterval.isNegative())) {
            throw new IllegalArgumentException("the rotation interval must be positive");
        }
    }

    /** Better Auth's defaults, issuer and audience both {@code baseUrl}. */
    public static JwtSettings betterAuthDefaults(String baseUrl) {
        return new JwtSettings(baseUrl, baseUrl, DEFAULT_LIFETIME, null, DEFAULT_GRACE_PERIOD);
    }
}
