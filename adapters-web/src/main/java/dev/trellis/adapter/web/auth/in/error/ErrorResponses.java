package dev.trellis.adapter.web.auth.in.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors written by filters, before any controller: Better Auth's {@code {message, code}} under
 * {@code /api/auth}, an RFC 9457 problem with a stable code everywhere else.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String message,
                             String authCode, String problemCode) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(AuthError.PATH_PREFIX)) {
            response.setContentType("application/json");
            response.getWriter().write(new AuthError(message, authCode).toJson());
        } else {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":" + quote(title(status)) + ",\"status\":" + status
                    + ",\"detail\":" + quote(message) + ",\"instance\":" + quote(path) + ",\"code\":" + quote(problemCode) + "}");
        }
    }

    private static String title(int status) {
        var known = org.springframework.http.HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    private static String quote(String text) {
        String json = new AuthError(text, null).toJson();
        return json.substring("{\"message\":".length(), json.length() - 1);
    }
}
