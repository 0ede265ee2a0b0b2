package dev.trellis.domain.auth;

import java.time.Instant;
import java.util.Optional;

/** Better Auth's {@code verification} table. Port; adapters implement it. */
public interface VerificationRepository {

    void add(Verification verification);

    /** The newest row with this identifier. */
    Optional<Verification> findByIdentifier(String identifier);

    /** Writes value and updatedAt (the OTP attempt counter). */
    void update(Verification verification);

    /** Consumes the row; true for exactly one caller when several race for the same row. */
    boolean remove(String id);

    int removeByIdentifier(String identifier);

    int removeExpired(Instant now, int limit);
}
