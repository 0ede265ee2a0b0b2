/**
 * The event contract served over HTTP without a session: each event's JSON Schema at the URI its
 * Kafka records name, the list of them, and the AsyncAPI document of the topics.
 */
package dev.trellis.adapter.web.events;
