package dev.trellis.domain.auth;

import dev.trellis.domain.user.SessionId;
import dev.trellis.domain.shared.UserId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A row of Better Auth's {@code session} table, with Better Auth's timing rules: it expires at
 * {@code expiresAt}; it is refreshed (slid forward) once a day of use has passed since it was last
 * extended; it is "fresh" for sensitive operations while younger than the fresh age.
 */
public record Session(SessionId id, SessionToken token, UserId userId, Instant expiresAt, Instant createdAt,
                      Instant updatedAt, String ipAddress, String userAgent) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Session open(UserId user, Duration lifetime, Instant now, String ipAddress, String userAgent) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new Session(SessionId.generate(), SessionToken.generate(), user, at.plus(lifetime), at, at,
                ipAddress, userAgent);
    }

    /** Better Auth's rule: expired once {@code expiresAt} is in the past. */
    public boolean isExpired(Instant now) {
        return expiresAt.isBefore(now);
    }

    /** Better Auth's rule: refresh when {@code expiresAt - expiresIn + updateAge <= now}. */
    public boolean needsRefresh(Instant now, Duration expiresIn, Duration updateAge) {
        return !expiresAt.minus(expiresIn).plus(updateAge).isAfter(now);
    }

    public Session refreshed(Instant now, Duration expiresIn) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new Session(id, token, userId, at.plus(expiresIn), createdAt, at, ipAddress, userAgent);
    }

    /** Created within {@code freshAge}: allowed to list sessions, unlink accounts, delete the user without password. */
    public boolean isFresh(Instant now, Duration freshAge) {
        return !createdAt.plus(freshAge).isBefore(now);
    }
}
