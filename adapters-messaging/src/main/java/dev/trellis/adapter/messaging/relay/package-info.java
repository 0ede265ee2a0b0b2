/**
 * The outbox relay: reads the outbox through PostgreSQL's logical decoding (Debezium embedded),
 * publishes each event to Kafka as a CloudEvent with one leader at a time, parks what Kafka refuses
 * for good, and deletes what is published after the retention; FindParkedEvents and ResendParkedEvent
 * are implemented here.
 */
package dev.trellis.adapter.messaging.relay;
