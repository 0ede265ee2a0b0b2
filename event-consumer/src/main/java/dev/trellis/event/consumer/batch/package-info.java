/**
 * One batch's way through the kit, whichever loop polled it: the service's
 * {@link dev.trellis.event.consumer.batch.BatchHandler} (its transaction over the batch), the steps both loops share
 * (decode, apply, report: {@link dev.trellis.event.consumer.batch.BatchSteps}) and the counters they keep
 * ({@link dev.trellis.event.consumer.batch.ConsumerMetrics}).
 */
package dev.trellis.event.consumer.batch;
