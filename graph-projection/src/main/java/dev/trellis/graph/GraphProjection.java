package dev.trellis.graph;

import dev.trellis.event.consumer.batch.BatchHandler;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.graph.metrics.ProjectionMetrics;
import dev.trellis.graph.neo4j.GraphWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * The projection's {@link BatchHandler}: each batch the kit's consumer hands it is one Neo4j transaction
 * ({@link GraphWriter}), then the commit-to-graph latency of what it applied and a DEBUG line. It returns
 * the plan only once Neo4j committed, so the consumer commits the batch's offsets after the graph holds it
 * (and counts the plan, reports its gaps); it throws when Neo4j refused, and the consumer delivers the batch
 * again after a backoff.
 */
public final class GraphProjection implements BatchHandler {

    private static final Logger log = LoggerFactory.getLogger(GraphProjection.class);

    private final GraphWriter writer;
    private final ProjectionMetrics metrics;

    public GraphProjection(GraphWriter writer, ProjectionMetrics metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    @Override
    public BatchPlan apply(List<TrellisEvent> batch) {
        long started = System.nanoTime();
        BatchPlan plan = writer.write(batch);
        metrics.recordCommitted(plan, Instant.now());
        if (log.isDebugEnabled()) {
            log.debug("Batch of {} events: {} applied ({} upserts, {} deletions), {} duplicates, {} superseded, {} after deletion, "
                            + "{} gaps; committed in {} ms", batch.size(), plan.applied(), plan.upserts().size(),
                    plan.deletions().size(), plan.duplicates(), plan.superseded(), plan.afterDeletion(), plan.gaps().size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return plan;
    }

    public ProjectionMetrics metrics() {
        return metrics;
    }
}
