/**
 * The outbox relay to Kafka (trellis.relay.*): its start and orderly stop, its health and start-up
 * failure analysis, and the administration of parked events (list, replay) wired for the relay
 * commands too.
 */
package dev.trellis.bootstrap.wiring.relay;
