package dev.trellis.application.auth.jwt;

import java.util.List;

/** Better Auth's {@code jwks} table, which a Better Auth server with the {@code jwt} plugin shares. */
public interface SigningKeyRepository {

    /** Every stored key, expired ones included. */
    List<SigningKey> all();

    void add(SigningKey key);
}
