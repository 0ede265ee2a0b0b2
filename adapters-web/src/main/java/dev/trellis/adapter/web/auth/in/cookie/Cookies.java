package dev.trellis.adapter.web.auth.in.cookie;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseCookie;

import java.util.Optional;

/** What every Better Auth cookie shares: how it is read, and the attributes it is written with. */
final class Cookies {

    private Cookies() {
    }

    /** The first non-empty cookie of that name. */
    static Optional<String> find(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** Path {@code /}, HttpOnly, SameSite=Lax, and Secure on https, as Better Auth sets its cookies. */
    static ResponseCookie.ResponseCookieBuilder base(String name, String value, boolean secure) {
        return ResponseCookie.from(name, value).path("/").httpOnly(true).sameSite("Lax").secure(secure);
    }
}
