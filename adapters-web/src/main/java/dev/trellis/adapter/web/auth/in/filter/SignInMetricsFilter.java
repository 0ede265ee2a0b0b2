package dev.trellis.adapter.web.auth.in.filter;

import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Counts Better Auth's sign-ins by method ({@link AuthMeters}): a sign-in endpoint's answer below 400 that opens a
 * session (it carries {@code set-auth-token}) is a sign-in; a 4xx answer other than 429 is a failure. An answer that
 * asks for a second factor is neither (its {@code two-factor} verification is counted when it comes). A social
 * sign-in's failure ends in a redirect to the error page and is not counted.
 */
public class SignInMetricsFilter extends OncePerRequestFilter {

    /** Path prefixes of the endpoints that sign in, and the method each counts under. */
    static final Map<String, String> METHODS = Map.of(
            "/api/auth/sign-in/email-otp", "email-otp",
            "/api/auth/sign-in/email", "email",
            "/api/auth/sign-in/social", "social",
            "/api/auth/callback/", "social",
            "/api/auth/magic-link/verify", "magic-link",
            "/api/auth/passkey/verify-authentication", "passkey",
            "/api/auth/two-factor/verify-", "two-factor");

    private final AuthMeters meters;

    public SignInMetricsFilter(AuthMeters meters) {
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return method(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status < 400 && response.getHeader(AuthCookies.SET_AUTH_TOKEN) != null) {
            meters.signedIn(method(request));
        } else if (status >= 400 && status < 500 && status != 429) {
            meters.signInFailed(method(request));
        }
    }

    private static String method(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = null;
        int longest = -1;
        for (Map.Entry<String, String> entry : METHODS.entrySet()) {
            if (path.startsWith(entry.getKey()) && entry.getKey().length() > longest) {
                method = entry.getValue();
                longest = entry.getKey().length();
            }
        }
        return method;
    }
}
