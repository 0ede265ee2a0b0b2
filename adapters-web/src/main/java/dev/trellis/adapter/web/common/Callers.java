package dev.trellis.adapter.web.common;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.RequestContext;

/**
 * The signed-in caller of a protected route. Its trace context is not read here: the application observes each use
 * case in a span of the request's trace (a caller's {@code traceparent} header continued by the tracer, which checks
 * it) and hands that span's context to the events the use case writes.
 */
public final class Callers {

    private Callers() {
    }

    public static RequestContext of(SignedIn signedIn) {
        if (signedIn == null) {
            throw AuthFailure.unauthorized(); // the security chain lets no anonymous call through; belt and braces
        }
        return new RequestContext(signedIn.user().id(), null);
    }
}
