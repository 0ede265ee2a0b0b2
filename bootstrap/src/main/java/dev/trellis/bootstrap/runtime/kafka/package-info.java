/**
 * The Kafka cluster the relay publishes to: KAFKA_BOOTSTRAP_SERVERS read into Spring's settings, the
 * embedded broker started when none is configured, and the one-line explanations of a start-up that
 * fails for want of one.
 */
package dev.trellis.bootstrap.runtime.kafka;
