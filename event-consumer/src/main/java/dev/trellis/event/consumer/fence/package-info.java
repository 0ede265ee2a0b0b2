/**
 * The version fence and tombstones, free of Kafka and of any store: a batch of events planned against what the
 * service's store has applied ({@link dev.trellis.event.consumer.fence.BatchPlanner}), giving the newest state per
 * aggregate, the deletions, the duplicates dropped and the gaps seen. A service's handler uses it inside its
 * transaction; {@code .jdbc} is the fence for a SQL store.
 */
package dev.trellis.event.consumer.fence;
