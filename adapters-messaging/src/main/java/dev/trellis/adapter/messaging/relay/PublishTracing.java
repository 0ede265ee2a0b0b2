package dev.trellis.adapter.messaging.relay;

import dev.trellis.event.contract.CloudEventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's publish of an event as a producer span, {@code send <topic>}: its parent is the span the outbox row's
 * {@code trace_parent} names (the use case that wrote it), so the request's trace goes on through Kafka; the record's
 * {@code ce_traceparent} then names the publish span, which a consumer continues. The span ends when Kafka
 * acknowledged the record, or as an error when it did not. With tracing off ({@link Tracer#NOOP}) records keep the
 * stored {@code trace_parent} as their {@code ce_traceparent}. An event no request caused (a trigger's, a snapshot's)
 * has no trace to continue: it is sent without a span and without {@code ce_traceparent}, as ever, rather than
 * starting a trace per event (a snapshot of a million rows would make a million).
 */
final class PublishTracing {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    PublishTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Sends {@code record} (built from {@code event}) inside a producer span, when tracing is on. */
    CompletableFuture<SendResult<String, String>> send(OutboxRecord event, ProducerRecord<String, String> record,
                                                       Sending sending) {
        if (tracer == Tracer.NOOP || event.traceParent() == null) {
            return sending.send(record);
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, event.traceParent()), (carrier, key) -> carrier.get(key))
                .name("send " + record.topic())
                .kind(Span.Kind.PRODUCER)
                .remoteServiceName("kafka")
                .tag("messaging.system", "kafka")
                .tag("messaging.operation.type", "send")
                .tag("messaging.destination.name", record.topic())
                .tag("messaging.message.id", event.id())
                .tag("cloudevents.event_type", event.eventType())
                .start();
        propagator.inject(span.context(), record, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key) && carrier != null) {
                carrier.headers().remove(CloudEventHeaders.TRACE_PARENT);
                carrier.headers().add(CloudEventHeaders.TRACE_PARENT, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        CompletableFuture<SendResult<String, String>> sent;
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            sent = sending.send(record);
        }
        // a side stage: the publisher reads the send's own future, whose failure stays unwrapped
        sent.whenComplete((result, failure) -> {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        });
        return sent;
    }

    /** The send itself: never throws, a failure completes the future. */
    @FunctionalInterface
    interface Sending {
        CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record);
    }
}
