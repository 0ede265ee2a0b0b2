package dev.trellis.domain.auth;

import dev.trellis.domain.shared.Ids;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A row of Better Auth's {@code verification} table: a single-use secret (magic link, email OTP,
 * password reset, email verification) identified by {@code identifier}, valid until {@code expiresAt},
 * consumed by deleting it.
 */
public record Verification(String id, String identifier, String value, Instant expiresAt, Instant createdAt,
                           Instant updatedAt) {

    public Verification {
        Ids.requireAuthId(id, "verificationId");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Verification issue(String identifier, String value, Duration lifetime, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new Verification(Ids.nanoid(32), identifier, value, at.plus(lifetime), at, at);
    }

    /** Better Auth's rule: expired once {@code expiresAt} is in the past. */
    public boolean isExpired(Instant now) {
        return expiresAt.isBefore(now);
    }

    public Verification withValue(String newValue, Instant now) {
        return new Verification(id, identifier, newValue, expiresAt, createdAt, now.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The value is a secret (an OTP, a magic-link payload, a user id keyed by a reset token): never logged. */
    @Override
    public String toString() {
        return "Verification[" + id + ", " + identifier.replaceAll(":.*", ":***") + ", expires " + expiresAt + "]";
    }
}
