/**
 * Kafka records to typed events with the contract's strict decoder, naming each record
 * ({@code topic-partition@offset}) in errors: for the kit's loops, and for services with a loop or a
 * deserializer of their own.
 */
package dev.trellis.event.consumer.decoding;
