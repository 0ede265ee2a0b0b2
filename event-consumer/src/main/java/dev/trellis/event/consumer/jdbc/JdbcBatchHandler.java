package dev.trellis.event.consumer.jdbc;

import dev.trellis.event.consumer.batch.BatchHandler;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.fence.BatchPlanner;
import dev.trellis.event.contract.TrellisEvent;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The {@link BatchHandler} of a service whose store is SQL: one transaction per batch in which the plan
 * is made against {@link JdbcAppliedVersions}, the service's {@link Effect} applies it, and the new
 * versions and tombstones are recorded; all commit together, or nothing does (then the batch comes again).
 */
public final class JdbcBatchHandler implements BatchHandler {

    /** The service's change to its own tables for one planned batch, on the transaction's connection. */
    @FunctionalInterface
    public interface Effect {
        void apply(Connection connection, BatchPlan plan) throws Exception;
    }

    private final DataSource dataSource;
    private final String table;
    private final Clock clock;
    private final Effect effect;

    public JdbcBatchHandler(DataSource dataSource, Effect effect) {
        this(dataSource, JdbcAppliedVersions.DEFAULT_TABLE, Clock.systemUTC(), effect);
    }

    public JdbcBatchHandler(DataSource dataSource, String table, Clock clock, Effect effect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.effect = Objects.requireNonNull(effect, "effect");
    }

    @Override
    public BatchPlan apply(List<TrellisEvent> events) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                JdbcAppliedVersions versions = new JdbcAppliedVersions(connection, table, clock);
                BatchPlan plan = BatchPlanner.plan(events, versions);
                if (!plan.isEmpty()) {
                    effect.apply(connection, plan);
                    versions.record(plan);
                }
                connection.commit();
                return plan;
            } catch (Exception | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
