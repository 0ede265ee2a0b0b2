package dev.trellis.adapter.web.auth.in.filter;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * JSON bodies under {@code /api/auth} are small; a declared length above the limit is answered 413
 * before anything is read. (Uploads have their own limit, set on multipart.)
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AuthConfig.isAuthPath(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            ErrorResponses.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Request body too large (at most " + maxBytes + " bytes)", "PAYLOAD_TOO_LARGE", "request.too_large");
            return;
        }
        chain.doFilter(request, response);
    }
}
