package dev.trellis.event.consumer.opentelemetry;

import dev.trellis.event.consumer.batch.EventTracing;
import dev.trellis.event.contract.TrellisEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link SpanKind#CONSUMER} span per event of a batch, named {@code process <event type>}, child of the span
 * its {@code ce_traceparent} names (the relay's publish span; a new trace when the event carries none), from the
 * moment the handler gets the batch until it returned or threw (then the span's status is an error). The context
 * is read with the {@link OpenTelemetry}'s propagators, so a service configured for W3C trace context (the
 * default of OpenTelemetry's SDK and of Spring Boot) continues Trellis's traces.
 */
public final class OpenTelemetryEventTracing implements EventTracing {

    private static final String INSTRUMENTATION = "dev.trellis.event.consumer";
    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final String groupId;

    private OpenTelemetryEventTracing(OpenTelemetry openTelemetry, String groupId) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.groupId = groupId;
    }

    /** @param groupId the consumer group, recorded on each span ({@code messaging.consumer.group.name}) */
    public static OpenTelemetryEventTracing of(OpenTelemetry openTelemetry, String groupId) {
        return new OpenTelemetryEventTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"), Objects.requireNonNull(groupId, "groupId"));
    }

    @Override
    public Handling handling(List<TrellisEvent> events) {
        List<Span> spans = new ArrayList<>(events.size());
        for (TrellisEvent event : events) {
            Context parent = event.traceParent() == null ? Context.root()
                    : propagator.extract(Context.root(), Map.of("traceparent", event.traceParent()), HEADERS);
            spans.add(tracer.spanBuilder("process " + event.type().code())
                    .setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.consumer.group.name", groupId)
                    .setAttribute("messaging.message.id", event.id())
                    .setAttribute("cloudevents.event_type", event.type().code())
                    .setAttribute("cloudevents.event_subject", event.subject())
                    .setAttribute("messaging.batch.message_count", events.size())
                    .startSpan());
        }
        return failure -> {
            for (Span span : spans) {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                }
                span.end();
            }
        };
    }
}
