package dev.trellis.event.consumer.batch;

import dev.trellis.event.consumer.decoding.TrellisRecordDecoder;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.fence.Gap;
import dev.trellis.event.consumer.gap.GapListener;
import dev.trellis.event.consumer.gap.SnapshotRequester;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.TrellisEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the kit does with each poll's records, whichever loop polled them
 * ({@link dev.trellis.event.consumer.TrellisEventConsumer} on the plain Kafka client,
 * {@link dev.trellis.event.consumer.spring.TrellisBatchListener} on spring-kafka): decodes them, hands the events to
 * the service's {@link BatchHandler}, and once the batch is committed counts its plan, tells the gap listener and
 * asks for snapshots when allowed. Each step counts in {@link #metrics()}.
 */
public final class BatchSteps {

    private final BatchHandler handler;
    private final ConsumerMetrics metrics = new ConsumerMetrics();
    private final TrellisRecordDecoder decoder = new TrellisRecordDecoder();
    private final GapListener gapListener;
    private final SnapshotRequester snapshotRequester;
    private final Clock clock;
    private final EventTracing tracing;

    /** @param snapshotRequester null unless the service may ask for snapshots */
    public BatchSteps(BatchHandler handler, GapListener gapListener, SnapshotRequester snapshotRequester, Clock clock) {
        this(handler, gapListener, snapshotRequester, clock, EventTracing.none());
    }

    /** @param tracing spans around each batch's handling ({@link EventTracing#none()} for none) */
    public BatchSteps(BatchHandler handler, GapListener gapListener, SnapshotRequester snapshotRequester, Clock clock,
                      EventTracing tracing) {
        this.handler = handler;
        this.gapListener = gapListener;
        this.snapshotRequester = snapshotRequester;
        this.clock = clock;
        this.tracing = Objects.requireNonNull(tracing, "tracing");
    }

    /** After a poll: the partitions the loop holds, and the records on them it has not applied yet (the poll's batch included). */
    public void polled(int partitions, long recordsNotApplied) {
        metrics.recordPosition(partitions, recordsNotApplied);
    }

    /** Decodes every record, in order; the first it cannot read counts as a decoding failure and throws. */
    public List<TrellisEvent> decode(Iterable<? extends ConsumerRecord<?, byte[]>> records) {
        try {
            return decoder.decodeAll(records);
        } catch (EventDecodingException e) {
            metrics.recordDecodingFailure();
            throw e;
        }
    }

    /**
     * The handler's plan for the batch, inside the tracing's spans; when the handler throws (or returns no plan) it
     * counts as a batch failure.
     */
    public BatchPlan apply(List<TrellisEvent> events) throws Exception {
        EventTracing.Handling handling = tracing.handling(events);
        try {
            BatchPlan plan = Objects.requireNonNull(handler.apply(events), "the batch handler returned no plan");
            handling.end(null);
            return plan;
        } catch (Exception e) {
            handling.end(e);
            metrics.recordBatchFailure();
            throw e;
        } catch (Error e) {
            handling.end(e);
            throw e;
        }
    }

    /** After the batch was applied and committed: counts it, tells the gap listener, asks for snapshots when allowed. */
    public void applied(List<TrellisEvent> events, BatchPlan plan) {
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

    public ConsumerMetrics metrics() {
        return metrics;
    }
}
