package dev.trellis.application.contract;

import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountId;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.shared.Ids;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.SessionId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the contracts of Better Auth's tables need: the ports of an empty store and small builders.
 * Timestamps have millisecond precision, as Better Auth (JavaScript {@code Date}) writes them.
 */
public abstract class AuthPortContract {

    /** 32 alphanumerics, as Better Auth's default generator makes ids and session tokens. */
    protected static final String BETTER_AUTH_ID = "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI";
    protected static final String BETTER_AUTH_TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";

    protected AuthPorts auth;
    private Instant clock = Instant.parse("2026-03-01T00:00:00Z");
    private int sequence;

    /** Ports over a store with no rows in it. */
    protected abstract AuthPorts emptyAuthStore();

    @BeforeEach
    void openEmptyAuthStore() {
        auth = emptyAuthStore();
    }

    /** A later instant on each call, with a millisecond part. */
    protected Instant tick() {
        clock = clock.plus(1, ChronoUnit.SECONDS).plus(123, ChronoUnit.MILLIS);
        return clock;
    }

    protected User aUser() {
        return aUser(UserId.generate());
    }

    protected User aUser(UserId id) {
        int n = ++sequence;
        User user = User.register(id, "User " + n, new EmailAddress("auth-user" + n + "@example.com"), true, tick());
        auth.users().add(user);
        return user;
    }

    /** A session created at {@code tick()}, expiring after {@code lifetime}, not yet stored. */
    protected Session newSession(User user, Duration lifetime) {
        Instant at = tick();
        return new Session(SessionId.generate(), SessionToken.generate(), user.id(), at.plus(lifetime), at, at,
                "203.0.113." + ++sequence, "Mozilla/5.0 (test " + sequence + ")");
    }

    protected Session aSession(User user) {
        Session session = newSession(user, Duration.ofDays(7));
        auth.sessions().add(session);
        return session;
    }

    /** A session expiring at {@code expiresAt}, stored. */
    protected Session aSessionExpiringAt(User user, Instant expiresAt) {
        Instant at = tick();
        Session session = new Session(SessionId.generate(), SessionToken.generate(), user.id(), expiresAt, at, at, null, null);
        auth.sessions().add(session);
        return session;
    }

    /** A social account with every column filled, not yet stored. */
    protected Account newSocialAccount(User user, String providerId, String providerAccountId) {
        Instant at = tick();
        return new Account(AccountId.generate(), providerAccountId, providerId, user.id(), "access-" + providerAccountId,
                "refresh-" + providerAccountId, "id-token-" + providerAccountId, at.plus(Duration.ofHours(1)),
                at.plus(Duration.ofDays(30)), "read:user,user:email", null, at, at);
    }

    protected Verification newVerification(String identifier, String value, Instant expiresAt) {
        Instant at = tick();
        return new Verification(Ids.nanoid(32), identifier, value, expiresAt, at, at);
    }

    protected Verification aVerification(String identifier, String value, Duration lifetime) {
        Verification verification = Verification.issue(identifier, value, lifetime, tick());
        auth.verifications().add(verification);
        return verification;
    }

    protected Verification aVerificationExpiringAt(String identifier, Instant expiresAt) {
        Verification verification = newVerification(identifier, "value", expiresAt);
        auth.verifications().add(verification);
        return verification;
    }
}
