package dev.trellis.graph;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The projection's spans (the consumer kit's {@code process <event type>}, continuing the relay's publish span),
 * exported the way every OpenTelemetry SDK does it: only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) is set, with the other {@code OTEL_*} variables as the SDK reads them
 * ({@code OTEL_EXPORTER_OTLP_PROTOCOL}, {@code OTEL_TRACES_SAMPLER}, {@code OTEL_SERVICE_NAME}, ...). The service
 * is named {@value #SERVICE_NAME} unless {@code OTEL_SERVICE_NAME} says otherwise; no metrics or logs go over OTLP.
 */
final class ProjectionTracing {

    static final String SERVICE_NAME = "trellis-graph-projection";

    private ProjectionTracing() {
    }

    /** The SDK to record and export spans with, or null when no OTLP endpoint is configured. */
    static OpenTelemetrySdk fromEnvironment(Map<String, String> environment) {
        String endpoint = endpoint(environment);
        if (endpoint == null) {
            return null;
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", SERVICE_NAME);
        properties.put("otel.traces.exporter", "otlp");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        environment.forEach((name, value) -> {
            if (name.startsWith("OTEL_") && value != null && !value.isBlank()) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value.strip());
            }
        });
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                .disableShutdownHook() // closed by the main after the consumer stopped, so the last spans are flushed
                .build()
                .getOpenTelemetrySdk();
    }

    /** The configured OTLP endpoint for traces, for the start-up line; null when none. */
    static String endpoint(Map<String, String> environment) {
        for (String name : new String[] {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
