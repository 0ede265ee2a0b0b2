package dev.trellis.adapter.web.auth.in.cookie;

import java.time.Duration;

/**
 * Better Auth's {@code better-auth.state} cookie ({@code __Secure-} prefixed and {@code Secure} on
 * https): the OAuth state, signed like the session cookie, for 5 minutes. The callback accepts a
 * state only from the browser that started the flow, so nobody can finish their own sign-in in
 * someone else's browser.
 */
public final class OAuthStateCookie extends SignedCookie {

    public OAuthStateCookie(SessionCookieSigner signer, boolean secure) {
        super("better-auth.state", Duration.ofMinutes(5), signer, secure);
    }
}
