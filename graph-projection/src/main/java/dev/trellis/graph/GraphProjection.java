package dev.trellis.graph;

import dev.trellis.event.consumer.BatchPlan;
import dev.trellis.event.consumer.Gap;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.graph.neo4j.GraphWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * What the projection does with each batch its consumer loop hands it: one Neo4j transaction
 * ({@link GraphWriter}), then the counters, a DEBUG line, and a WARN per gap with its remedy. It returns
 * only once Neo4j committed, so the loop commits the batch's offsets after the graph holds it; it
 * throws when Neo4j refused, and the loop delivers the batch again.
 */
public final class GraphProjection {

    private static final Logger log = LoggerFactory.getLogger(GraphProjection.class);

    private final GraphWriter writer;
    private final ProjectionMetrics metrics;

    public GraphProjection(GraphWriter writer, ProjectionMetrics metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    public void apply(List<TrellisEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        BatchPlan plan = writer.write(batch);
        Instant committed = Instant.now();
        metrics.recordBatch(batch.size(), plan, committed);
        for (Gap gap : plan.gaps()) {
            log.warn("Gap: {}", gap);
        }
        if (log.isDebugEnabled()) {
            log.debug("Batch of {} events: {} applied ({} upserts, {} deletions), {} duplicates, {} superseded, {} after deletion, "
                            + "{} gaps; committed in {} ms", batch.size(), plan.applied(), plan.upserts().size(),
                    plan.deletions().size(), plan.duplicates(), plan.superseded(), plan.afterDeletion(), plan.gaps().size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    public ProjectionMetrics metrics() {
        return metrics;
    }
}
