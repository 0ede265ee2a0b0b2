package dev.trellis.application.auth.social;

/**
 * The {@code value} of an OAuth state row in the {@code verification} table, in Better Auth's JSON,
 * so that a flow started by either server can be finished by the other.
 */
public interface OAuthStateCodec {

    String write(OAuthState state);

    /** @throws IllegalArgumentException when the value is not a Better Auth OAuth state */
    OAuthState read(String value);
}
