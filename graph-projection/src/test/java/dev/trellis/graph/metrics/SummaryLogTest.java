package dev.trellis.graph.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trellis.event.consumer.batch.ConsumerMetrics;
import dev.trellis.event.consumer.batch.ConsumerMetricsFeed;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.ItemDeleted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary line's latency since the start, and the histogram line a benchmark reads at DEBUG. */
class SummaryLogTest {

    private final Logger summary = (Logger) LoggerFactory.getLogger("dev.trellis.graph.Summary");
    private final Logger histogram = (Logger) LoggerFactory.getLogger("dev.trellis.graph.LatencyHistogram");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level histogramLevel;

    @BeforeEach
    void capture() {
        lines.start();
        summary.addAppender(lines);
        histogram.addAppender(lines);
        histogramLevel = histogram.getLevel();
    }

    @AfterEach
    void release() {
        summary.detachAppender(lines);
        histogram.detachAppender(lines);
        histogram.setLevel(histogramLevel);
    }

    @Test
    void each_batch_s_latencies_count_in_the_window_and_since_the_start() {
        ConsumerMetrics consumer = new ConsumerMetrics();
        ProjectionMetrics metrics = new ProjectionMetrics(consumer);
        Instant committed = Instant.parse("2026-12-07T10:00:00Z");
        committed(consumer, metrics, plan(committed, 400, 400, 400), committed);
        try (SummaryLog log = new SummaryLog(metrics, Duration.ofHours(1))) {
            log.log();
            committed(consumer, metrics, plan(committed, 10, 30), committed);
            log.log();
        }

        List<String> info = messages(Level.INFO);
        assertThat(info).hasSize(2);
        assertThat(info.get(0)).contains("3 events applied", "commit-to-graph p50 400 ms, p99 400 ms, max 400 ms",
                "since the start: p50 400 ms, p90 400 ms, p99 400 ms, max 400 ms");
        assertThat(info.get(1)).contains("2 events applied", "commit-to-graph p50 10 ms, p99 30 ms, max 30 ms",
                "since the start: p50 400 ms, p90 400 ms, p99 400 ms, max 400 ms");
        assertThat(metrics.latencySinceStart().count()).isEqualTo(5);
        assertThat(metrics.latencySinceStart().percentile(40)).isEqualTo(30);
        assertThat(messages(Level.DEBUG)).as("the histogram line is off at INFO").isEmpty();
    }

    @Test
    void at_debug_the_histogram_since_the_start_follows_each_summary_line_and_two_of_them_give_the_time_between() {
        histogram.setLevel(Level.DEBUG);
        ConsumerMetrics consumer = new ConsumerMetrics();
        ProjectionMetrics metrics = new ProjectionMetrics(consumer);
        Instant committed = Instant.parse("2026-12-07T10:00:00Z");
        try (SummaryLog log = new SummaryLog(metrics, Duration.ofHours(1))) {
            committed(consumer, metrics, plan(committed, 900, 950), committed);
            log.log();
            committed(consumer, metrics, plan(committed, 20, 20, 45), committed);
            log.log();
        }

        List<String> debug = messages(Level.DEBUG);
        assertThat(debug).containsExactly("commit-to-graph since the start, ms=count: 900=1 950=1",
                "commit-to-graph since the start, ms=count: 20=2 45=1 900=1 950=1");
        LatencyHistogram.Snapshot between = parse(debug.get(1)).minus(parse(debug.get(0)));
        assertThat(between.count()).isEqualTo(3);
        assertThat(between.percentile(50)).isEqualTo(20);
        assertThat(between.max()).isEqualTo(45);
    }

    /** A batch Neo4j committed: the projection records its latencies, the kit's loop counts it. */
    private static void committed(ConsumerMetrics consumer, ProjectionMetrics metrics, BatchPlan plan, Instant at) {
        metrics.recordCommitted(plan, at);
        ConsumerMetricsFeed.applied(consumer, plan, plan.deletions().size() + plan.upserts().size());
    }

    private static LatencyHistogram.Snapshot parse(String line) {
        return LatencyHistogram.Snapshot.parse(line.substring(line.indexOf(':') + 1));
    }

    private List<String> messages(Level level) {
        return lines.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Deletions whose ce_time lies the given milliseconds before the commit. */
    private static BatchPlan plan(Instant committed, long... latencies) {
        List<TrellisEvent> deletions = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            String id = "itm_latency" + i + "x";
            deletions.add(new TrellisEvent("obx_" + i, EventType.ITEM_DELETED, "/trellis", id,
                    committed.minusMillis(latencies[i]), null, 1, null, new ItemDeleted(1, id, "usr_owner", true, 2)));
        }
        return new BatchPlan(List.of(), deletions, List.of(), 0, 0, 0);
    }
}
