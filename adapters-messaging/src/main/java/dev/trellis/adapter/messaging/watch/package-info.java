/**
 * A plain Kafka consumer that prints the events on the topics, one line per record, for the watch
 * command; it commits nothing and creates no topic.
 */
package dev.trellis.adapter.messaging.watch;
