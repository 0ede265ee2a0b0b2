package dev.trellis.event.consumer.batch;

import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.fence.BatchPlanner;
import dev.trellis.event.contract.TrellisEvent;

import java.util.List;

/**
 * The service's transaction over one batch (one poll) of decoded events, in delivery order:
 * typically it opens a transaction on its store, plans the batch against the store's applied versions
 * ({@link BatchPlanner#plan}), applies the plan, records the new versions and tombstones, and commits.
 * It returns the plan it committed; the kit commits the batch's offsets only after that, and counts and
 * reports what the plan says. When it throws, nothing of the batch may have been committed in the store:
 * the same records are delivered again, after a backoff, until it succeeds.
 *
 * <p>{@link dev.trellis.event.consumer.jdbc.JdbcBatchHandler} is this for a service whose store is SQL.
 */
@FunctionalInterface
public interface BatchHandler {

    BatchPlan apply(List<TrellisEvent> events) throws Exception;
}
