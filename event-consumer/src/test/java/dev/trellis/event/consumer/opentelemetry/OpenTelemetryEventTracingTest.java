package dev.trellis.event.consumer.opentelemetry;

import dev.trellis.event.consumer.TestEvents;
import dev.trellis.event.consumer.batch.BatchSteps;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.gap.GapListener;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.TrellisEvent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenTelemetryEventTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PUBLISH_SPAN = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    @AfterEach
    void close() {
        openTelemetry.close();
    }

    @Test
    void each_event_gets_a_consumer_span_that_continues_its_traceparent() throws Exception {
        TrellisEvent traced = withTraceParent(TestEvents.event(EventType.ITEM_CREATED, TestEvents.item("itm_1", "usr_1", 1)),
                "00-" + TRACE_ID + "-" + PUBLISH_SPAN + "-01");
        TrellisEvent untraced = TestEvents.event(EventType.TAG_CREATED, TestEvents.tag("tag_1", "usr_1", 1));

        steps(events -> BatchPlan.empty()).apply(List.of(traced, untraced));

        List<SpanData> recorded = spans.getFinishedSpanItems();
        assertThat(recorded).hasSize(2);
        SpanData item = recorded.stream().filter(span -> span.getName().equals("process item.created")).findFirst().orElseThrow();
        assertThat(item.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(item.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(item.getParentSpanId()).isEqualTo(PUBLISH_SPAN);
        assertThat(item.getParentSpanContext().isRemote()).isTrue();
        assertThat(item.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        SpanData tag = recorded.stream().filter(span -> span.getName().equals("process tag.created")).findFirst().orElseThrow();
        assertThat(tag.getTraceId()).isNotEqualTo(TRACE_ID);
        assertThat(tag.getParentSpanContext().isValid()).as("no ce_traceparent: a trace of its own").isFalse();
    }

    @Test
    void a_handler_that_throws_ends_the_spans_as_errors() {
        TrellisEvent event = withTraceParent(TestEvents.event(EventType.ITEM_CREATED, TestEvents.item("itm_1", "usr_1", 1)),
                "00-" + TRACE_ID + "-" + PUBLISH_SPAN + "-01");

        assertThatThrownBy(() -> steps(events -> { throw new IllegalStateException("graph down"); }).apply(List.of(event)))
                .hasMessage("graph down");

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    }

    @Test
    void a_malformed_traceparent_starts_a_trace_of_its_own() throws Exception {
        TrellisEvent event = withTraceParent(TestEvents.event(EventType.ITEM_CREATED, TestEvents.item("itm_1", "usr_1", 1)), "not-a-trace");

        steps(events -> BatchPlan.empty()).apply(List.of(event));

        assertThat(spans.getFinishedSpanItems().get(0).getParentSpanContext().isValid()).isFalse();
    }

    private BatchSteps steps(dev.trellis.event.consumer.batch.BatchHandler handler) {
        return new BatchSteps(handler, GapListener.logging(), null, Clock.systemUTC(), OpenTelemetryEventTracing.of(openTelemetry, "graph-sync"));
    }

    private static TrellisEvent withTraceParent(TrellisEvent e, String traceParent) {
        return new TrellisEvent(e.id(), e.type(), e.source(), e.subject(), e.time(), e.dataSchema(), e.schemaVersion(), traceParent, e.payload());
    }
}
