package dev.trellis.adapter.web.error;

import dev.trellis.adapter.web.auth.AuthConfig;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The one decision on which body a failure gets, by the request's path alone: Better Auth's
 * {@code {message, code}} on its routes ({@code /api/auth} and below), an RFC 9457 problem on every
 * other route. The advice and the filters' error writer both ask here.
 */
enum ErrorFormat {

    BETTER_AUTH, PROBLEM_DETAILS;

    static ErrorFormat of(HttpServletRequest request) {
        return AuthConfig.isAuthPath(path(request)) ? BETTER_AUTH : PROBLEM_DETAILS;
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
