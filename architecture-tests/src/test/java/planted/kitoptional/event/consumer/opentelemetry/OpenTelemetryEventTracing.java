package planted.kitoptional.event.consumer.opentelemetry;

import io.opentelemetry.api.trace.Span;

/** Allowed: OpenTelemetry in its own room. */
public class OpenTelemetryEventTracing {
    public void handle() {
        Span.current().addEvent("handled");
    }
}
