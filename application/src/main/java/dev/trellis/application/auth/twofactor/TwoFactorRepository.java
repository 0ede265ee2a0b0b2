package dev.trellis.application.auth.twofactor;

import dev.trellis.domain.shared.UserId;

import java.time.Instant;
import java.util.Optional;

/** Better Auth's {@code two_factor} table and the {@code two_factor_enabled} flag of its users. Port. */
public interface TwoFactorRepository {

    Optional<TwoFactorRecord> findByUser(UserId user);

    void add(TwoFactorRecord record);

    /** Writes secret, backup codes and verified. */
    void update(TwoFactorRecord record);

    /** Swaps the sealed backup codes only if they are still {@code expected}; false when another request won. */
    boolean replaceBackupCodes(String id, String expected, String replacement);

    /** Counts one failed verification, atomically; returns the new count. */
    int countFailure(String id);

    void lockUntil(String id, Instant until);

    /** Zero failures, no lock. */
    void clearFailures(String id);

    void removeByUser(UserId user);

    boolean isEnabled(UserId user);

    void setEnabled(UserId user, boolean enabled);
}
