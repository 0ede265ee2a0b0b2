package dev.trellis.application.auth.jwt;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of Better Auth's {@code jwks} table. {@code id} is the key id ({@code kid});
 * {@code publicKey} the public JWK as JSON; {@code privateKey} the private JWK as it is stored (encrypted
 * with the shared secret); {@code expiresAt} set only when keys rotate; {@code alg} and {@code crv} may be
 * missing on rows written before those columns existed (they then mean the default algorithm).
 */
public record SigningKey(String id, String publicKey, String privateKey, Instant createdAt, Instant expiresAt,
                         String alg, String crv) {

    public SigningKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether it may still sign at {@code now}: no expiry, or one still ahead. */
    public boolean liveAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    /** The algorithm it signs with: its own, or {@code defaultAlg} for a row without one. */
    public String algOr(String defaultAlg) {
        return alg == null ? defaultAlg : alg;
    }
}
