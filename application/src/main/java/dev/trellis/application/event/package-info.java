/**
 * The outbox port every feature writes its events through, the event row it stores, and {@link
 * dev.trellis.application.event.Events}, which builds each event's payload in the shape of the event contract.
 */
package dev.trellis.application.event;
