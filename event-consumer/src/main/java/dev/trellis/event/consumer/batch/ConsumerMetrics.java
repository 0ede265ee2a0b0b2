package dev.trellis.event.consumer.batch;

import dev.trellis.event.consumer.fence.BatchPlan;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a consumer did, as plain counters (since it started) read from any thread. Events count once
 * their batch was applied: {@code received = applied + duplicates + superseded + afterDeletion}; a batch
 * that failed and was retried counts once, when it succeeded. Kept by {@link BatchSteps};
 * {@link dev.trellis.event.consumer.micrometer.MicrometerConsumerMetrics} publishes them to a Micrometer registry.
 */
public final class ConsumerMetrics {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private final AtomicLong afterDeletion = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchFailures = new AtomicLong();
    private final AtomicLong decodingFailures = new AtomicLong();
    private final AtomicLong snapshotRequests = new AtomicLong();
    private final AtomicReference<Duration> lastApplyLatency = new AtomicReference<>();
    private final AtomicReference<Instant> lastAppliedAt = new AtomicReference<>();
    private final AtomicLong partitions = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();

    /** Events of applied batches. */
    public long received() {
        return received.get();
    }

    /** Events that changed the store (upserts and deletions). */
    public long applied() {
        return applied.get();
    }

    /** Events at or below the applied version: re-deliveries, replays. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Events replaced by a newer one of the same aggregate in the same batch. */
    public long superseded() {
        return superseded.get();
    }

    /** Events of aggregates already deleted: late, replayed or parked events that did not bring them back. */
    public long afterDeletion() {
        return afterDeletion.get();
    }

    /** Gaps reported: versions that skipped ahead. */
    public long gaps() {
        return gaps.get();
    }

    /** Batches applied and committed. */
    public long batches() {
        return batches.get();
    }

    /** Attempts of the handler that threw (each is retried). */
    public long batchFailures() {
        return batchFailures.get();
    }

    /** Records that could not be decoded (each stops the consumer). */
    public long decodingFailures() {
        return decodingFailures.get();
    }

    /** Snapshot requests written (after deduplication). */
    public long snapshotRequests() {
        return snapshotRequests.get();
    }

    /**
     * From the change in Trellis ({@code ce_time}) to its batch being applied, for the batch's newest event;
     * null before the first batch.
     */
    public Duration lastApplyLatency() {
        return lastApplyLatency.get();
    }

    /** When the last batch was applied; null before the first. */
    public Instant lastAppliedAt() {
        return lastAppliedAt.get();
    }

    /**
     * The partitions this consumer holds, as of its last poll (a group shares them among its members). Kept by
     * {@link dev.trellis.event.consumer.TrellisEventConsumer}; 0 under
     * {@link dev.trellis.event.consumer.spring.TrellisBatchListener}, whose container has metrics of its own.
     */
    public long partitions() {
        return partitions.get();
    }

    /**
     * Records on the partitions it holds that it has not applied yet, as of its last poll: those after its
     * position, and the batch that poll returned. 0 when it is caught up. Kept by
     * {@link dev.trellis.event.consumer.TrellisEventConsumer} like {@link #partitions()}.
     */
    public long lag() {
        return lag.get();
    }

    void recordPosition(int assignedPartitions, long recordsNotApplied) {
        partitions.set(assignedPartitions);
        lag.set(recordsNotApplied);
    }

    void recordBatch(BatchPlan plan, int events, Duration latency, Instant appliedAt) {
        received.addAndGet(events);
        applied.addAndGet(plan.applied());
        duplicates.addAndGet(plan.duplicates());
        superseded.addAndGet(plan.superseded());
        afterDeletion.addAndGet(plan.afterDeletion());
        gaps.addAndGet(plan.gaps().size());
        batches.incrementAndGet();
        if (latency != null) {
            lastApplyLatency.set(latency);
        }
        lastAppliedAt.set(appliedAt);
    }

    void recordBatchFailure() {
        batchFailures.incrementAndGet();
    }

    void recordDecodingFailure() {
        decodingFailures.incrementAndGet();
    }

    void recordSnapshotRequest() {
        snapshotRequests.incrementAndGet();
    }

    @Override
    public String toString() {
        return "received " + received + ", applied " + applied + ", duplicates " + duplicates + ", superseded " + superseded
                + ", after deletion " + afterDeletion + ", gaps " + gaps + ", batches " + batches + ", batch failures "
                + batchFailures + ", decoding failures " + decodingFailures + ", snapshot requests " + snapshotRequests
                + ", last apply latency " + lastApplyLatency + ", partitions " + partitions + ", lag " + lag;
    }
}
