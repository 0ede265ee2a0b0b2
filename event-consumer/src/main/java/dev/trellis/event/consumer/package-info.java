/**
 * The consumer kit's entry for a service on the plain Kafka client:
 * {@link dev.trellis.event.consumer.TrellisEventConsumer}, its builder, and the poll loop that commits offsets
 * only after the service's handler applied a batch. Services on spring-kafka use {@code .spring} instead; both go
 * through {@code .batch}.
 */
package dev.trellis.event.consumer;
