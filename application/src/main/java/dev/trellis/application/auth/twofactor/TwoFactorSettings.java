package dev.trellis.application.auth.twofactor;

import java.time.Duration;

/**
 * Better Auth's two-factor defaults: the issuer in the TOTP URI (its app name), the challenge cookie
 * (10 minutes, 5 attempts), trusted devices (30 days), emailed codes (3 minutes, 5 attempts) and the
 * account lock (15 minutes after 10 failures in a row).
 */
public record TwoFactorSettings(String issuer, Duration challengeLifetime, int challengeAttempts,
                                Duration trustDeviceLifetime, Duration otpLifetime, int otpAttempts,
                                int maxFailures, Duration lockDuration) {

    public static TwoFactorSettings betterAuthDefaults(String issuer) {
        return new TwoFactorSettings(issuer, Duration.ofMinutes(10), 5, Duration.ofDays(30), Duration.ofMinutes(3), 5,
                10, Duration.ofSeconds(900));
    }
}
