package dev.trellis.adapter.web.auth.in.filter;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Better Auth's CSRF defence, for every cookie-carrying write under {@code /api}: the request's
 * {@code Origin} (or, without one, its {@code Referer}) must be a trusted origin. Requests without
 * cookies (bearer clients, servers) are not a CSRF vector and pass.
 */
public class OriginCheckFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuthConfig config;

    public OriginCheckFilter(AuthConfig config) {
        this.config = config;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return SAFE_METHODS.contains(request.getMethod()) || !path.startsWith("/api/")
                || request.getHeader(HttpHeaders.COOKIE) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!config.isTrustedOrigin(requestOrigin(request))) {
            ErrorResponses.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Invalid origin", "INVALID_ORIGIN",
                    "origin.untrusted");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String requestOrigin(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origin.equals("null")) {
            return origin;
        }
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            return uri.getScheme() == null || uri.getHost() == null ? null : AuthConfig.origin(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
