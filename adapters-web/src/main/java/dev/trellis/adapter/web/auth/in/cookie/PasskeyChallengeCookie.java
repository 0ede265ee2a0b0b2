package dev.trellis.adapter.web.auth.in.cookie;

import java.time.Duration;

/**
 * The passkey plugin's challenge cookie, {@code better-auth.better-auth-passkey} (the prefix really
 * appears twice; {@code __Secure-} prefixed and {@code Secure} on https): the random key of the
 * ceremony's {@code verification} row, signed like the session cookie, for 5 minutes.
 */
public final class PasskeyChallengeCookie extends SignedCookie {

    public PasskeyChallengeCookie(SessionCookieSigner signer, boolean secure) {
        super("better-auth.better-auth-passkey", Duration.ofMinutes(5), signer, secure);
    }
}
