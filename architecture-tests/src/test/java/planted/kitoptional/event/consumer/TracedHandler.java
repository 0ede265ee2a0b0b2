package planted.kitoptional.event.consumer;

import io.opentelemetry.api.trace.Span;

/** Violation: the plain handler needs OpenTelemetry. */
public class TracedHandler {
    public void handle() {
        Span.current().addEvent("handled");
    }
}
