package dev.trellis.adapter.web.auth.in.cookie;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

import java.time.Duration;

/**
 * A short-lived Better Auth cookie that carries one value signed like the session cookie
 * ({@code __Secure-} prefixed and {@code Secure} on https): set, read back only if the signature
 * holds, expired.
 */
public class SignedCookie {

    private final String name;
    private final Duration maxAge;
    private final SessionCookieSigner signer;
    private final boolean secure;

    protected SignedCookie(String name, Duration maxAge, SessionCookieSigner signer, boolean secure) {
        this.name = name;
        this.maxAge = maxAge;
        this.signer = signer;
        this.secure = secure;
    }

    public String name() {
        return (secure ? "__Secure-" : "") + name;
    }

    public void set(HttpServletResponse response, String value) {
        response.addHeader(HttpHeaders.SET_COOKIE, Cookies.base(name(),
                SessionCookieSigner.encodeCookieValue(signer.sign(value)), secure).maxAge(maxAge).build().toString());
    }

    /** The value the cookie vouches for; null when there is no cookie or its signature is wrong. */
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
        response.addHeader(HttpHeaders.SET_COOKIE, Cookies.base(name(), "", secure).maxAge(0).build().toString());
    }
}
