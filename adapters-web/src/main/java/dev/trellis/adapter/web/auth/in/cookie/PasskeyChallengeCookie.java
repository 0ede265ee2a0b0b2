package dev.trellis.adapter.web.auth.in.cookie;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import java.time.Duration;

/**
 * The passkey plugin's challenge cookie, {@code better-auth.better-auth-passkey} (the prefix really
 * appears twice; {@code __Secure-} prefixed and {@code Secure} on https): the random key of the
 * ceremony's {@code verification} row, signed like the session cookie, for 5 minutes.
 */
public final class PasskeyChallengeCookie {

    private static final String NAME = "better-auth.better-auth-passkey";
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final SessionCookieSigner signer;
    private final boolean secure;

    public PasskeyChallengeCookie(SessionCookieSigner signer, boolean secure) {
        this.signer = signer;
        this.secure = secure;
    }

    public String name() {
        return (secure ? "__Secure-" : "") + NAME;
    }

    public void set(HttpServletResponse response, String key) {
        response.addHeader(HttpHeaders.SET_COOKIE,
                base(SessionCookieSigner.encodeCookieValue(signer.sign(key))).maxAge(MAX_AGE).build().toString());
    }

    /** The key the cookie vouches for; null when there is no cookie or its signature is wrong. */
    public String verified(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name().equals(cookie.getName())) {
                return signer.verify(cookie.getValue()).orElse(null);
            }
        }
        return null;
    }

    public void expire(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, base("").maxAge(0).build().toString());
    }

    private ResponseCookie.ResponseCookieBuilder base(String value) {
        return ResponseCookie.from(name(), value).path("/").httpOnly(true).sameSite("Lax").secure(secure);
    }
}
