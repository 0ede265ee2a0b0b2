package dev.trellis.graph.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One INFO line per interval (10 s) while the projection works or lags: events applied in the interval
 * and in all, the rate, duplicates, gaps, commit-to-graph latency of the interval and since the start, lag.
 * Silent while idle. At DEBUG, logger {@code dev.trellis.graph.LatencyHistogram} adds the histogram since
 * the start ({@link LatencyHistogram.Snapshot#encode()}), from which the difference of two lines gives
 * exact percentiles over the time between them.
 */
public final class SummaryLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("dev.trellis.graph.Summary");
    private static final Logger histogramLog = LoggerFactory.getLogger("dev.trellis.graph.LatencyHistogram");

    private final ProjectionMetrics metrics;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private long lastApplied;
    private long lastReceived;
    private long lastGaps;
    private long lastLag;

    public SummaryLog(ProjectionMetrics metrics, Duration interval) {
        this.metrics = metrics;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "graph-summary");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::log, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void log() {
        long applied = metrics.eventsApplied();
        long received = metrics.eventsReceived();
        long gaps = metrics.gaps();
        long lag = metrics.lag();
        ProjectionMetrics.LatencyWindow latency = metrics.takeWindow();
        LatencyHistogram.Snapshot sinceStart = metrics.latencySinceStart();
        if (received == lastReceived && lag == 0 && lastLag == 0) {
            return;
        }
        double seconds = interval.toMillis() / 1000.0;
        log.info("{} events applied in {} s ({}/s; {} received), {} in all; {} duplicates, {} gaps{}; commit-to-graph p50 {} ms, "
                        + "p99 {} ms, max {} ms (since the start: p50 {} ms, p90 {} ms, p99 {} ms, max {} ms); lag {}",
                applied - lastApplied, Math.round(seconds), Math.round((applied - lastApplied) / seconds), received - lastReceived,
                applied, metrics.duplicates(), gaps, gaps > lastGaps ? " (see the warnings)" : "", latency.percentile(50),
                latency.percentile(99), latency.max(), sinceStart.percentile(50), sinceStart.percentile(90),
                sinceStart.percentile(99), sinceStart.max(), lag);
        if (histogramLog.isDebugEnabled()) {
            histogramLog.debug("commit-to-graph since the start, ms=count: {}", sinceStart.encode());
        }
        lastApplied = applied;
        lastReceived = received;
        lastGaps = gaps;
        lastLag = lag;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
