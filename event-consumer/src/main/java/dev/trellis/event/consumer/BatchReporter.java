package dev.trellis.event.consumer;

import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.fence.Gap;
import dev.trellis.event.consumer.gap.GapListener;
import dev.trellis.event.consumer.gap.SnapshotRequester;
import dev.trellis.event.contract.TrellisEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** After a batch was applied and committed: counts it, tells the gap listener, asks for snapshots when allowed. */
final class BatchReporter {

    private final ConsumerMetrics metrics;
    private final GapListener gapListener;
    private final SnapshotRequester snapshotRequester;
    private final Clock clock;

    BatchReporter(ConsumerMetrics metrics, GapListener gapListener, SnapshotRequester snapshotRequester, Clock clock) {
        this.metrics = metrics;
        this.gapListener = gapListener;
        this.snapshotRequester = snapshotRequester;
        this.clock = clock;
    }

    void applied(List<TrellisEvent> events, BatchPlan plan) {
        Instant now = clock.instant();
        Instant newest = events.stream().map(TrellisEvent::time).filter(time -> time != null).max(Instant::compareTo).orElse(null);
        metrics.recordBatch(plan, events.size(), newest == null ? null : Duration.between(newest, now), now);
        for (Gap gap : plan.gaps()) {
            gapListener.onGap(gap);
            if (snapshotRequester != null && snapshotRequester.request(gap)) {
                metrics.recordSnapshotRequest();
            }
        }
    }
}
