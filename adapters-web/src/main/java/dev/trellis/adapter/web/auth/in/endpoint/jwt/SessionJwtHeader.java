package dev.trellis.adapter.web.auth.in.endpoint.jwt;

import dev.trellis.adapter.web.auth.in.endpoint.AuthController;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.jwt.SessionJwts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code jwt} plugin's hook on {@code get-session}: with a session, the answer carries a JWT for
 * its user in the {@code set-auth-jwt} header, which {@code Access-Control-Expose-Headers} names so that
 * a browser client on another origin can read it (as Better Auth does, added to what is already exposed).
 * An interceptor of {@code AuthController}'s {@code getSession}, registered by the wiring when the plugin is on.
 */
public class SessionJwtHeader implements HandlerInterceptor {

    public static final String PATH = "/api/auth/get-session";
    static final String HEADER = "set-auth-jwt";
    private static final String EXPOSE = "Access-Control-Expose-Headers";

    private final SessionJwts jwts;

    public SessionJwtHeader(SessionJwts jwts) {
        this.jwts = jwts;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType() == AuthController.class
                && method.getMethod().getName().equals("getSession")) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof SignedIn caller) {
                response.setHeader(HEADER, jwts.issue(caller.user()));
                Set<String> exposed = new LinkedHashSet<>();
                for (String value : response.getHeaders(EXPOSE)) {
                    Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(exposed::add);
                }
                exposed.add(HEADER);
                response.setHeader(EXPOSE, String.join(", ", exposed));
            }
        }
        return true;
    }
}
