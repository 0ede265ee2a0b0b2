package dev.trellis.application.auth.jwt;

import java.time.Instant;

/**
 * The cryptography of the {@code jwt} plugin, as Better Auth does it: new key pairs of its default
 * algorithm (EdDSA over Ed25519) with the private key encrypted by the shared secret, and compact JWS
 * signed by a stored key.
 */
public interface JwtKeyMaterial {

    /** The algorithm new keys get, and the one a row without {@code alg} means. */
    String defaultAlg();

    /** A new key pair, ready to be stored: public JWK, encrypted private JWK, algorithm and curve. */
    SigningKey newKey(String id, Instant createdAt, Instant expiresAt);

    /** The compact JWS of {@code claims}, signed by {@code key} (its id in the {@code kid} header). */
    String sign(SigningKey key, SessionJwtClaims claims);
}
