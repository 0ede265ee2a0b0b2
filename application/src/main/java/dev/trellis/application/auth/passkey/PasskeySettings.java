package dev.trellis.application.auth.passkey;

import java.util.Objects;

/**
 * The relying party: its id (a host name; Better Auth's default is the base URL's host), its name
 * (Better Auth's default is the app name), and the origin a response must come from (null: the
 * request's {@code Origin} header, as Better Auth does without {@code origin}).
 */
public record PasskeySettings(String rpId, String rpName, String origin) {

    /** Better Auth's {@code MAX_AGE_IN_SECONDS}: a challenge lives five minutes. */
    public static final java.time.Duration CHALLENGE_LIFETIME = java.time.Duration.ofMinutes(5);

    public PasskeySettings {
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(rpName, "rpName");
    }
}
