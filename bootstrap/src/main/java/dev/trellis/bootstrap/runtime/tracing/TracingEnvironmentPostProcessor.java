package dev.trellis.bootstrap.runtime.tracing;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Spans are exported over OTLP only when an endpoint is configured: Spring Boot's
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} (or its older name
 * {@code management.otlp.tracing.endpoint}), else OpenTelemetry's own variables, as every OpenTelemetry SDK reads them:
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the full URL), else {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the
 * collector's base URL; {@code /v1/traces} is appended for HTTP), with {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}
 * for gRPC. With none set there is no exporter at all, so nothing tries to reach a collector.
 *
 * <p>Sampling, unless {@code management.tracing.sampling.probability} is set: every trace when an endpoint is
 * configured, none otherwise. An operator who points Trellis at a collector is looking for a particular request (the
 * one that failed, the event that did not arrive); at Boot's default of 10 % that trace is missing nine times in
 * ten, while the spans of a Trellis instance (a few hundred writes a second, exported in batches off the request
 * thread) are cheap to send, and a collector can drop what it does not keep (tail sampling). Without an endpoint
 * nobody receives them, so none are recorded; trace and span ids are still made, logged and propagated, and a
 * caller's {@code traceparent} that says "sampled" is still honoured (the sampler follows the parent).
 */
public class TracingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String OLD_ENDPOINT = "management.otlp.tracing.endpoint";
    static final String TRANSPORT = "management.opentelemetry.tracing.export.otlp.transport";
    static final String PROBABILITY = "management.tracing.sampling.probability";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> settings = new HashMap<>();
        String endpoint = text(environment, ENDPOINT);
        if (endpoint == null) {
            String protocol = firstText(environment, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
            boolean grpc = protocol != null && protocol.toLowerCase(Locale.ROOT).equals("grpc");
            endpoint = firstText(environment, OLD_ENDPOINT, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
            String base = text(environment, "OTEL_EXPORTER_OTLP_ENDPOINT");
            if (endpoint == null && base != null) {
                endpoint = grpc ? base : base.replaceAll("/+$", "") + "/v1/traces";
            }
            if (endpoint != null) {
                settings.put(ENDPOINT, endpoint);
                if (grpc && text(environment, TRANSPORT) == null) {
                    settings.put(TRANSPORT, "grpc");
                }
            }
        }
        if (text(environment, PROBABILITY) == null) {
            settings.put(PROBABILITY, endpoint == null ? "0.0" : "1.0");
        }
        environment.getPropertySources().addLast(new MapPropertySource("trellisTracing", settings));
    }

    private static String firstText(Environment environment, String... names) {
        for (String name : names) {
            String value = text(environment, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(Environment environment, String name) {
        String value = environment.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
