/**
 * Where traces go: OpenTelemetry's standard {@code OTEL_EXPORTER_OTLP_*} variables read into Spring Boot's OTLP
 * settings, and the sampling default that follows from whether anyone receives the spans.
 */
package dev.trellis.bootstrap.runtime.tracing;
