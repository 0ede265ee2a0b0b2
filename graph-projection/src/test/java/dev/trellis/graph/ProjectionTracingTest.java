package dev.trellis.graph;

import com.sun.net.httpserver.HttpServer;
import dev.trellis.event.consumer.opentelemetry.OpenTelemetryEventTracing;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.TagState;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void no_endpoint_no_sdk() {
        assertThat(ProjectionTracing.fromEnvironment(Map.of())).isNull();
        assertThat(ProjectionTracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isNull();
    }

    /** A real OTLP/HTTP receiver in the test JVM gets the consumer span, with the trace id of ce_traceparent in its protobuf. */
    @Test
    void with_an_endpoint_the_consumer_spans_go_over_otlp() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            OpenTelemetrySdk sdk = ProjectionTracing.fromEnvironment(Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
            assertThat(sdk).isNotNull();
            TagState tag = new TagState(1, "tag_1", "urgent", "#ff0000", "usr_1", Instant.now(), 1);
            TrellisEvent event = new TrellisEvent("obx_1", EventType.TAG_CREATED, "/trellis", "tag_1", Instant.now(), null, 1,
                    "00-" + TRACE_ID + "-00f067aa0ba902b7-01", tag);
            OpenTelemetryEventTracing.of(sdk, "trellis-graph").handling(List.of(event)).end(null);
            sdk.close(); // flushes

            Received traces = received.poll(10, TimeUnit.SECONDS);
            assertThat(traces).isNotNull();
            assertThat(traces.path()).isEqualTo("/v1/traces");
            assertThat(traces.contentType()).isEqualTo("application/x-protobuf");
            String body = new String(traces.body(), StandardCharsets.ISO_8859_1);
            assertThat(body).contains(ProjectionTracing.SERVICE_NAME).contains("process tag.created");
            assertThat(body).contains(new String(hex(TRACE_ID), StandardCharsets.ISO_8859_1));
        } finally {
            collector.stop(0);
        }
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private record Received(String path, String contentType, byte[] body) {
    }
}
