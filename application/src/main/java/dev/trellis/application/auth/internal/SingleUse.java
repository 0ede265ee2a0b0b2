package dev.trellis.application.auth.internal;

import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;

import java.time.Instant;
import java.util.Optional;

/**
 * Better Auth's {@code consumeVerificationValue}: the newest row of an identifier is deleted, with
 * any older ones, and returned, unless another caller deleted it first or it has expired (an expired
 * row is deleted all the same, so it can never be replayed).
 */
public final class SingleUse {

    private SingleUse() {
    }

    public static Optional<Verification> consume(VerificationRepository rows, String identifier, Instant now) {
        Optional<Verification> newest = rows.findByIdentifier(identifier);
        if (newest.isEmpty() || !rows.remove(newest.get().id())) {
            return Optional.empty();
        }
        rows.removeByIdentifier(identifier);
        return newest.filter(row -> !row.isExpired(now));
    }
}
