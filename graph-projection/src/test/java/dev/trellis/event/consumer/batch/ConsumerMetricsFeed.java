package dev.trellis.event.consumer.batch;

import dev.trellis.event.consumer.fence.BatchPlan;

import java.time.Instant;

/** For tests of what reads the kit's counters: a batch counted as the kit's loop counts it once its handler returned. */
public final class ConsumerMetricsFeed {

    private ConsumerMetricsFeed() {
    }

    public static void applied(ConsumerMetrics metrics, BatchPlan plan, int events) {
        metrics.recordBatch(plan, events, null, Instant.now());
    }
}
