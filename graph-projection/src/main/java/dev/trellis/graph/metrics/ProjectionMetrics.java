package dev.trellis.graph.metrics;

import dev.trellis.event.consumer.batch.ConsumerMetrics;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.contract.TrellisEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projection's counters, served by {@link PrometheusEndpoint} when it runs and logged in the summary line: those
 * of the kit's consumer ({@link ConsumerMetrics}: events received and applied, batches, duplicates, gaps,
 * lag, partitions), and the one of the graph, the commit-to-graph latency (Neo4j's commit, as this process
 * saw it return, minus the event's {@code ce_time}: how long a change took from the application's database
 * to the graph), per summary window and since the start. Safe to read from any thread.
 */
public final class ProjectionMetrics {

    private static final int WINDOW_CAPACITY = 100_000;

    private final ConsumerMetrics consumer;
    private final AtomicLong latencyCount = new AtomicLong();
    private final AtomicLong latencyTotalMillis = new AtomicLong();
    private final AtomicLong latencyMaxMillis = new AtomicLong();
    private final LatencyHistogram latencySinceStart = new LatencyHistogram();
    private volatile Timer latencyTimer;

    // latencies since the last window() call, for percentiles in the summary
    private long[] window = new long[1024];
    private int windowSize;

    /** @param consumer the counters of the consumer that feeds the graph */
    public ProjectionMetrics(ConsumerMetrics consumer) {
        this.consumer = consumer;
    }

    /** Records a batch Neo4j committed: the latency of each event it applied (the consumer counts the rest). */
    public void recordCommitted(BatchPlan plan, Instant committedAt) {
        plan.upserts().forEach(event -> recordLatency(event, committedAt));
        plan.deletions().forEach(event -> recordLatency(event, committedAt));
    }

    private void recordLatency(TrellisEvent event, Instant committedAt) {
        if (event.time() == null) {
            return;
        }
        long millis = Math.max(0, Duration.between(event.time(), committedAt).toMillis());
        latencyCount.incrementAndGet();
        latencyTotalMillis.addAndGet(millis);
        latencyMaxMillis.accumulateAndGet(millis, Math::max);
        latencySinceStart.record(millis);
        Timer timer = latencyTimer;
        if (timer != null) {
            timer.record(Duration.ofMillis(millis));
        }
        synchronized (this) {
            if (windowSize == window.length && window.length < WINDOW_CAPACITY) {
                window = Arrays.copyOf(window, Math.min(window.length * 2, WINDOW_CAPACITY));
            }
            if (windowSize < window.length) {
                window[windowSize++] = millis;
            }
        }
    }

    /**
     * From now on also records the commit-to-graph latency in {@code trellis.graph.latency}, a histogram (1 ms to
     * 60 s) in this registry (Prometheus: {@code trellis_graph_latency_seconds_bucket}).
     */
    public void publishLatencyTo(MeterRegistry registry) {
        latencyTimer = Timer.builder("trellis.graph.latency")
                .description("From the event's time (its commit in Trellis) to Neo4j's commit of its batch")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /** The kit's counters of the consumer, all of them (batch failures, snapshot requests, …). */
    public ConsumerMetrics consumer() {
        return consumer;
    }

    /** The partitions this instance has now (the group shares them among its instances). */
    public long partitions() {
        return consumer.partitions();
    }

    /** Events of the batches committed. */
    public long eventsReceived() {
        return consumer.received();
    }

    /** Events that changed the graph (the newest of their aggregate in their batch, not a duplicate). */
    public long eventsApplied() {
        return consumer.applied();
    }

    public long batches() {
        return consumer.batches();
    }

    /** Events at or below the version already applied: re-deliveries, replays, snapshots seen before. */
    public long duplicates() {
        return consumer.duplicates();
    }

    /** Events a newer event of their aggregate in the same batch replaced. */
    public long superseded() {
        return consumer.superseded();
    }

    /** Events of aggregates already deleted, dropped. */
    public long afterDeletion() {
        return consumer.afterDeletion();
    }

    public long gaps() {
        return consumer.gaps();
    }

    /** Records on this instance's partitions not yet applied, as of its last poll. */
    public long lag() {
        return consumer.lag();
    }

    public long latencyCount() {
        return latencyCount.get();
    }

    public long latencyTotalMillis() {
        return latencyTotalMillis.get();
    }

    public long latencyMaxMillis() {
        return latencyMaxMillis.get();
    }

    /** Every commit-to-graph latency since the start, in 1-ms buckets. */
    public LatencyHistogram.Snapshot latencySinceStart() {
        return latencySinceStart.snapshot();
    }

    /** The latencies recorded since the previous call, and a fresh window. */
    public synchronized LatencyWindow takeWindow() {
        long[] sorted = Arrays.copyOf(window, windowSize);
        windowSize = 0;
        Arrays.sort(sorted);
        return new LatencyWindow(sorted);
    }

    /** Commit-to-graph latencies of one summary interval, in milliseconds. */
    public record LatencyWindow(long[] sortedMillis) {

        public int count() {
            return sortedMillis.length;
        }

        /** The nearest-rank percentile, 0 when the window is empty. */
        public long percentile(double p) {
            if (sortedMillis.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sortedMillis.length);
            return sortedMillis[Math.min(sortedMillis.length - 1, Math.max(0, rank - 1))];
        }

        public long max() {
            return sortedMillis.length == 0 ? 0 : sortedMillis[sortedMillis.length - 1];
        }
    }
}
