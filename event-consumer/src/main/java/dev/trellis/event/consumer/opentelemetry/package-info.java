/**
 * Traces a consumer's handling with OpenTelemetry ({@link dev.trellis.event.consumer.opentelemetry.OpenTelemetryEventTracing}):
 * a consumer span per event that continues its {@code ce_traceparent}. The only package of the kit that uses
 * OpenTelemetry, an optional dependency (an architecture rule checks it).
 */
package dev.trellis.event.consumer.opentelemetry;
