package dev.trellis.domain.auth;

import dev.trellis.domain.shared.UserId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A row of Better Auth's {@code account} table: how a user signs in. The credential account has
 * {@code providerId = "credential"}, {@code accountId = userId} and the password hash; a social one
 * has the provider's id and its user id, and the provider's tokens.
 */
public record Account(AccountId id, String accountId, String providerId, UserId userId, String accessToken,
                      String refreshToken, String idToken, Instant accessTokenExpiresAt,
                      Instant refreshTokenExpiresAt, String scope, String password, Instant createdAt,
                      Instant updatedAt) {

    public static final String CREDENTIAL = "credential";

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Account credential(UserId user, String passwordHash, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new Account(AccountId.generate(), user.value(), CREDENTIAL, user, null, null, null, null, null, null,
                passwordHash, at, at);
    }

    public static Account social(UserId user, String providerId, String providerAccountId, String accessToken,
                                 String refreshToken, String idToken, Instant accessTokenExpiresAt, String scope,
                                 Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new Account(AccountId.generate(), providerAccountId, providerId, user, accessToken, refreshToken, idToken,
                accessTokenExpiresAt, null, scope, null, at, at);
    }

    public boolean isCredential() {
        return CREDENTIAL.equals(providerId);
    }

    public Account withPassword(String newHash, Instant now) {
        return new Account(id, accountId, providerId, userId, accessToken, refreshToken, idToken, accessTokenExpiresAt,
                refreshTokenExpiresAt, scope, newHash, createdAt, now.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Password hash and provider tokens are secrets: never logged. */
    @Override
    public String toString() {
        return "Account[" + id + ", " + providerId + ":" + accountId + ", user " + userId + "]";
    }
}
