package dev.trellis.adapter.web.auth.in.cookie;

import dev.trellis.domain.auth.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import java.time.Duration;
import java.util.Optional;

/**
 * Better Auth's cookies: {@code better-auth.session_token} holds the signed session token
 * ({@code __Secure-} prefixed and {@code Secure} when the base URL is https); with "remember me"
 * off the session cookie has no Max-Age and {@code better-auth.dont_remember} marks the session as
 * one that must not slide. Responses that set the session cookie also send {@code set-auth-token}
 * for bearer clients.
 */
public final class AuthCookies {

    public static final String SET_AUTH_TOKEN = "set-auth-token";
    private static final String SESSION_TOKEN = "better-auth.session_token";
    private static final String DONT_REMEMBER = "better-auth.dont_remember";
    private static final String SECURE_PREFIX = "__Secure-";

    private final SessionCookieSigner signer;
    private final boolean secure;
    private final Duration maxAge;

    public AuthCookies(SessionCookieSigner signer, boolean secure, Duration maxAge) {
        this.signer = signer;
        this.secure = secure;
        this.maxAge = maxAge;
    }

    public String sessionCookieName() {
        return (secure ? SECURE_PREFIX : "") + SESSION_TOKEN;
    }

    private String dontRememberCookieName() {
        return (secure ? SECURE_PREFIX : "") + DONT_REMEMBER;
    }

    /** The signed session token from the cookie or {@code Authorization: Bearer}, if well-formed and correctly signed. */
    public Optional<String> sessionToken(HttpServletRequest request) {
        Optional<String> fromCookie = cookie(request, sessionCookieName()).flatMap(signer::verify);
        if (fromCookie.isPresent()) {
            return fromCookie;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).strip();
            // Better Auth's bearer plugin takes the signed form, and by default the bare token too.
            return bearer.contains(".") || bearer.contains("%") ? signer.verify(bearer) : Optional.of(bearer).filter(t -> !t.isEmpty());
        }
        return Optional.empty();
    }

    public boolean carriesSessionCookie(HttpServletRequest request) {
        return cookie(request, sessionCookieName()).isPresent();
    }

    /** True when the "don't remember me" marker is present and authentic. */
    public boolean dontRemember(HttpServletRequest request) {
        return cookie(request, dontRememberCookieName()).flatMap(signer::verify).map("true"::equals).orElse(false);
    }

    public void setSession(HttpServletResponse response, Session session, boolean rememberMe) {
        String signed = signer.sign(session.token().value());
        ResponseCookie.ResponseCookieBuilder cookie = base(sessionCookieName(), SessionCookieSigner.encodeCookieValue(signed));
        if (rememberMe) {
            cookie.maxAge(maxAge);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
        if (!rememberMe) {
            response.addHeader(HttpHeaders.SET_COOKIE,
                    base(dontRememberCookieName(), SessionCookieSigner.encodeCookieValue(signer.sign("true"))).build().toString());
        }
        response.setHeader(SET_AUTH_TOKEN, signed);
    }

    public void expire(HttpServletResponse response) {
        for (String name : new String[]{sessionCookieName(), dontRememberCookieName()}) {
            response.addHeader(HttpHeaders.SET_COOKIE, base(name, "").maxAge(0).build().toString());
        }
    }

    private ResponseCookie.ResponseCookieBuilder base(String name, String value) {
        return Cookies.base(name, value, secure);
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        return Cookies.find(request, name);
    }
}
