/**
 * The listener for the snapshot requests downstream consumers send on Kafka: requests are coalesced
 * over a short window and each user (or everything) is snapshotted at most once per cooldown.
 */
package dev.trellis.adapter.messaging.snapshot;
