/**
 * Publishes a consumer's counters to a Micrometer registry
 * ({@link dev.trellis.event.consumer.micrometer.MicrometerConsumerMetrics}). The only package of the kit that uses
 * Micrometer, an optional dependency (an architecture rule checks it).
 */
package dev.trellis.event.consumer.micrometer;
