/**
 * What a consumer does about a gap (events that never reached it): tells its
 * {@link dev.trellis.event.consumer.gap.GapListener} (a WARN line by default) and, when the service may, asks Trellis
 * for a snapshot of the owner on {@code <prefix>.snapshot-requests}
 * ({@link dev.trellis.event.consumer.gap.SnapshotRequester}).
 */
package dev.trellis.event.consumer.gap;
