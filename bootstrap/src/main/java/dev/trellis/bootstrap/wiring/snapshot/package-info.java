/**
 * Snapshots for late consumers: the use case that republishes the current state (for the snapshot
 * command), and the listener for the snapshot requests consumers send on Kafka.
 */
package dev.trellis.bootstrap.wiring.snapshot;
