package dev.trellis.application.auth.passkey;

/**
 * What a ceremony's {@code verification} row holds, as Better Auth writes it:
 * {@code {"type":"registration"|"authentication","expectedChallenge":…,"userData":{"id":…,…}}}.
 * The row's identifier is the random value of the signed {@code better-auth-passkey} cookie.
 */
public record PasskeyChallenge(String type, String expectedChallenge, String userId, String userName,
                               String displayName) {

    public static final String REGISTRATION = "registration";
    public static final String AUTHENTICATION = "authentication";
}
