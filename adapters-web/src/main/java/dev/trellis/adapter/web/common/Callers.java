package dev.trellis.adapter.web.common;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.RequestContext;
import jakarta.servlet.http.HttpServletRequest;

/** The signed-in caller of a protected route, with the request's W3C trace context for its events. */
public final class Callers {

    private Callers() {
    }

    public static RequestContext of(SignedIn signedIn, HttpServletRequest request) {
        if (signedIn == null) {
            throw AuthFailure.unauthorized(); // the security chain lets no anonymous call through; belt and braces
        }
        return new RequestContext(signedIn.user().id(), request.getHeader("traceparent"));
    }
}
