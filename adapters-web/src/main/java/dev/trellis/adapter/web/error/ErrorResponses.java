package dev.trellis.adapter.web.error;

import dev.trellis.adapter.web.auth.in.error.AuthError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors written by filters, before any controller, in the format the route asks for
 * ({@link ErrorFormat}): Better Auth's {@code {message, code}} under {@code /api/auth}, an RFC 9457
 * problem with a stable code everywhere else.
 */
public final class ErrorResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorResponses() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String message,
                             String authCode, String problemCode) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (ErrorFormat.of(request) == ErrorFormat.BETTER_AUTH) {
            response.setContentType("application/json");
            response.getWriter().write(JSON.writeValueAsString(new AuthError(message, authCode)));
        } else {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title(status));
            problem.put("status", status);
            problem.put("detail", message);
            problem.put("instance", ErrorFormat.path(request));
            problem.put("code", problemCode);
            response.setContentType("application/problem+json");
            response.getWriter().write(JSON.writeValueAsString(problem));
        }
    }

    private static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
