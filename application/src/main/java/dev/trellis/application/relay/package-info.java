/**
 * Relay administration: listing the events Kafka refused for good and sending them again, through the
 * ports {@link dev.trellis.application.relay.FindParkedEvents} and
 * {@link dev.trellis.application.relay.ResendParkedEvent} the messaging adapter implements.
 */
package dev.trellis.application.relay;
