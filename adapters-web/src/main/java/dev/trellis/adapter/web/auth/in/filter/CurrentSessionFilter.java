package dev.trellis.adapter.web.auth.in.filter;

import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.application.auth.session.ResolveSession;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.shared.InvalidInput;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Knows the caller on every request: the session behind the cookie or bearer token becomes Spring
 * Security's authentication, with {@link SignedIn} as principal. A malformed, forged, unknown or
 * expired token is simply no session. When the session slid forward, the cookie is sent again.
 */
public class CurrentSessionFilter extends OncePerRequestFilter {

    public static final String SIGNED_IN = SignedIn.class.getName();

    private final ResolveSession resolveSession;
    private final AuthCookies cookies;

    public CurrentSessionFilter(ResolveSession resolveSession, AuthCookies cookies) {
        this.resolveSession = resolveSession;
        this.cookies = cookies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SessionToken> token = cookies.sessionToken(request).flatMap(CurrentSessionFilter::parse);
        if (token.isPresent()) {
            boolean rememberMe = !cookies.dontRemember(request);
            resolveSession.handle(token.get(), rememberMe).ifPresent(current -> {
                request.setAttribute(SIGNED_IN, current.signedIn());
                SecurityContextHolder.getContext().setAuthentication(new SessionAuthentication(current.signedIn()));
                if (current.refreshed() && cookies.carriesSessionCookie(request)) {
                    cookies.setSession(response, current.signedIn().session(), true);
                }
            });
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Optional<SessionToken> parse(String raw) {
        try {
            return Optional.of(new SessionToken(raw));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    /** An authenticated Better Auth session. */
    public static final class SessionAuthentication extends AbstractAuthenticationToken {
        private final SignedIn signedIn;

        SessionAuthentication(SignedIn signedIn) {
            super(AuthorityUtils.createAuthorityList("ROLE_USER"));
            this.signedIn = signedIn;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public SignedIn getPrincipal() {
            return signedIn;
        }

        /** The user id: Spring asks for the name on every request; the default would render the whole principal. */
        @Override
        public String getName() {
            return signedIn.user().id().value();
        }
    }
}
