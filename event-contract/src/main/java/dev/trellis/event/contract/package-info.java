/**
 * The event contract: what Trellis's events are, as the producer (use cases, the outbox triggers, the relay,
 * the snapshot) and every consumer agree on it. It holds the JSON Schemas of the payloads (the source of truth)
 * and their compatibility check, the typed {@link dev.trellis.event.contract.TrellisEvent} with its strict
 * decoder, the event types, topic and CloudEvents header names, the timestamp format and the AsyncAPI document;
 * it depends on the JDK and Jackson alone.
 */
package dev.trellis.event.contract;
