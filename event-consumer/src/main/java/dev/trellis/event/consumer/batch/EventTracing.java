package dev.trellis.event.consumer.batch;

import dev.trellis.event.contract.TrellisEvent;

import java.util.List;

/**
 * Spans around a batch's handling: one per event, continuing the trace its {@code ce_traceparent} names.
 * {@link #none()} records nothing; {@code dev.trellis.event.consumer.opentelemetry.OpenTelemetryEventTracing}
 * records them with OpenTelemetry.
 */
public interface EventTracing {

    /** Called just before the handler gets {@code events}; the returned handling is ended once it returned or threw. */
    Handling handling(List<TrellisEvent> events);

    /** The spans of one batch in hand. */
    interface Handling {

        /** @param failure what the handler threw, or null when it applied the batch */
        void end(Throwable failure);
    }

    static EventTracing none() {
        return events -> failure -> { };
    }
}
