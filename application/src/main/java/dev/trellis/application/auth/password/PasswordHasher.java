package dev.trellis.application.auth.password;

/**
 * Hashes and checks passwords in Better Auth's format, so that Trellis and a Better Auth server can
 * share the {@code account.password} column: scrypt (N=16384, r=16, p=1, 64-byte key) over the
 * NFKC-normalised password, salted with 16 random bytes written as 32 lowercase hex characters (those
 * characters, not the raw bytes, are scrypt's salt), stored as {@code saltHex:keyHex}.
 */
public interface PasswordHasher {

    /** A new {@code saltHex:keyHex} with a fresh random salt: two calls never give the same value. */
    String hash(String password);

    /** Whether the password produced the stored hash; a malformed stored hash is simply {@code false}. */
    boolean matches(String password, String storedHash);
}
