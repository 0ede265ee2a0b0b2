package dev.trellis.application.auth.twofactor;

import dev.trellis.domain.shared.UserId;

import java.time.Instant;

/**
 * A row of Better Auth's {@code two_factor} table: the sealed TOTP secret and backup codes of a user,
 * whether the TOTP was confirmed ({@code verified}), and the account lock's failure count and end.
 */
public record TwoFactorRecord(String id, UserId userId, String secret, String backupCodes, boolean verified,
                              int failedVerificationCount, Instant lockedUntil) {

    @Override
    public String toString() {
        return "TwoFactorRecord[" + id + ", " + userId + ", verified " + verified + "]";
    }
}
