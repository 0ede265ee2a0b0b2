package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.jwt.SessionJwts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code jwt} plugin's hook on {@code get-session}: with a session, the answer carries a JWT for
 * its user in the {@code set-auth-jwt} header, which {@code Access-Control-Expose-Headers} names so that
 * a browser client on another origin can read it (as Better Auth does, added to what is already exposed).
 */
@ControllerAdvice(assignableTypes = AuthController.class)
@ConditionalOnBooleanProperty(name = "trellis.auth.jwt.enabled", matchIfMissing = true)
public class SessionJwtHeader implements ResponseBodyAdvice<Object> {

    static final String HEADER = "set-auth-jwt";
    private static final String EXPOSE = "Access-Control-Expose-Headers";

    private final SessionJwts jwts;

    public SessionJwtHeader(SessionJwts jwts) {
        this.jwts = jwts;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return returnType.getMethod() != null && returnType.getMethod().getName().equals("getSession");
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedIn caller) {
            response.getHeaders().set(HEADER, jwts.issue(caller.user()));
            Set<String> exposed = new LinkedHashSet<>();
            for (String value : response.getHeaders().getOrDefault(EXPOSE, List.of())) {
                Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(exposed::add);
            }
            exposed.add(HEADER);
            response.getHeaders().set(EXPOSE, exposed.stream().collect(Collectors.joining(", ")));
        }
        return body;
    }
}
