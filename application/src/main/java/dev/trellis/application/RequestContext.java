package dev.trellis.application;

import dev.trellis.domain.shared.UserId;

import java.util.Objects;

/**
 * Who asks, and the W3C {@code traceparent} of the request (when there is one), so that the events
 * a use case writes carry the trace of the request that caused them.
 */
public record RequestContext(UserId user, String traceParent) {

    public RequestContext {
        Objects.requireNonNull(user, "user");
    }
}
