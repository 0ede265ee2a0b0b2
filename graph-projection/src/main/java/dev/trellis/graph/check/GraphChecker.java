package dev.trellis.graph.check;

import dev.trellis.graph.check.catchup.CatchUp;
import dev.trellis.graph.check.compare.AggregateComparison;
import dev.trellis.graph.check.model.Difference;
import dev.trellis.graph.check.model.NodeKind;
import dev.trellis.graph.check.model.Section;
import dev.trellis.graph.check.neo4j.GraphRows;
import dev.trellis.graph.check.postgres.PostgresEndpoint;
import dev.trellis.graph.check.postgres.PostgresRows;
import dev.trellis.graph.check.postgres.PostgresSnapshot;
import dev.trellis.graph.check.report.CheckFailed;
import dev.trellis.graph.check.report.CheckReport;
import org.neo4j.driver.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Proves the graph equal to PostgreSQL, or lists how it differs.
 * <ol>
 *   <li>The point: a snapshot of PostgreSQL and the outbox position P it has seen; then (unless told not to
 *       wait) until the relay has published up to P and the projection has applied what the relay published.</li>
 *   <li>Checksums: per kind, the id space is cut into ranges (a few hundred rows each). Both sides stream all
 *       their rows in parallel threads — PostgreSQL on several connections in the one snapshot, each reading a
 *       share of the table's pages (a TID range scan); Neo4j in shares of the id ranges, each an index seek —
 *       and every row's 128-bit hash is added to its range's sum. Sums do not depend on the order rows come in,
 *       so neither side sorts.</li>
 *   <li>Drilling down: only ranges whose count or sum differs are read again, row by row, and compared
 *       aggregate by aggregate ({@link AggregateComparison}). Tombstones are checked apart: each one whose
 *       aggregate still has a row is a difference. ({@link ChecksumPass} makes these two steps.)</li>
 *   <li>The re-check: an aggregate found different is compared once more in a fresh snapshot after a fresh
 *       wait, and reported only if it still differs. If by then the graph holds a version the second snapshot
 *       does not have (changed again, and PostgreSQL has that version now), it is listed as not compared.</li>
 * </ol>
 */
public final class GraphChecker {

    /** How a check runs; {@code rangesPerKind} 0 sizes the ranges from the row counts. */
    public record Options(int rangesPerKind, int recheckLimit, int threads, String relay, String group) {

        public static final int ROWS_PER_RANGE = 250;
        public static final int MAX_RANGES = 16_384;

        public static Options defaults() {
            return new Options(0, 10_000, 4, "trellis_outbox", "trellis-graph");
        }
    }

    private final PostgresEndpoint postgres;
    private final BothSides bothSides;
    private final ChecksumPass checksums;
    private final CatchUp catchUp; // null: do not wait
    private final Options options;

    public GraphChecker(PostgresEndpoint postgres, Driver neo4j, CatchUp catchUp, Options options) {
        this.postgres = postgres;
        GraphRows graph = new GraphRows(neo4j);
        this.bothSides = new BothSides(graph);
        this.checksums = new ChecksumPass(graph, bothSides, options.rangesPerKind());
        this.catchUp = catchUp;
        this.options = options;
    }

    public CheckReport check() {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "graph-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Section, long[]> counts = new EnumMap<>(Section.class);
            Map<NodeKind, Map<String, AggregateComparison.Outcome>> found = new EnumMap<>(NodeKind.class);
            List<Difference> shape = new ArrayList<>();
            CheckReport.Point point;
            ChecksumPass.Progress progress = new ChecksumPass.Progress();
            try (PostgresSnapshot snapshot = PostgresSnapshot.open(postgres)) {
                point = new CheckReport.Point(snapshot.position(), catchUp == null ? null : catchUp.await(snapshot.position()));
                checksums.run(snapshot, pool, counts, found, shape, progress);
            }
            long recheckStarted = System.nanoTime();
            List<Difference> differences = new ArrayList<>(shape);
            Recheck recheck = recheck(found, differences);
            long finished = System.nanoTime();
            CheckReport.Work work = new CheckReport.Work(progress.ranges, progress.differingRanges, Duration.ofNanos(progress.digestNanos),
                    Duration.ofNanos(progress.drillNanos), Duration.ofNanos(recheck.point() == null ? 0 : finished - recheckStarted));
            return new CheckReport(point, counts, differences, recheck.point(), recheck.rechecked(), recheck.notRechecked(),
                    recheck.moving(), work, Duration.ofNanos(finished - started), options.relay(), options.group());
        } catch (SQLException e) {
            throw new CheckFailed("PostgreSQL (" + postgres.describe() + "): " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Recheck(CheckReport.Point point, int rechecked, int notRechecked, List<String> moving) {
    }

    /**
     * Compares the aggregates found different once more, in a fresh snapshot after a fresh wait, and adds to
     * {@code differences} what still differs (up to the limit per kind; beyond it, the first findings).
     */
    private Recheck recheck(Map<NodeKind, Map<String, AggregateComparison.Outcome>> found, List<Difference> differences)
            throws SQLException {
        Map<NodeKind, List<String>> candidates = new EnumMap<>(NodeKind.class);
        int notRechecked = 0;
        for (Map.Entry<NodeKind, Map<String, AggregateComparison.Outcome>> kind : found.entrySet()) {
            for (Map.Entry<String, AggregateComparison.Outcome> aggregate : kind.getValue().entrySet()) {
                List<String> ids = candidates.computeIfAbsent(kind.getKey(), k -> new ArrayList<>());
                if (ids.size() < options.recheckLimit()) {
                    ids.add(aggregate.getKey());
                } else {
                    differences.addAll(aggregate.getValue().differences());
                    notRechecked++;
                }
            }
        }
        int rechecked = candidates.values().stream().mapToInt(List::size).sum();
        if (rechecked == 0) {
            return new Recheck(null, 0, notRechecked, List.of());
        }
        List<String> moving = new ArrayList<>();
        try (PostgresSnapshot snapshot = PostgresSnapshot.open(postgres)) {
            CheckReport.Point point = new CheckReport.Point(snapshot.position(), catchUp == null ? null : catchUp.await(snapshot.position()));
            for (Map.Entry<NodeKind, List<String>> kind : candidates.entrySet()) {
                recheck(snapshot, kind.getKey(), kind.getValue(), differences, moving);
            }
            return new Recheck(point, rechecked, notRechecked, moving);
        }
    }

    private void recheck(PostgresSnapshot snapshot, NodeKind kind, List<String> ids, List<Difference> differences,
                         List<String> moving) throws SQLException {
        Map<String, AggregateComparison.Outcome> still = bothSides.compareByIds(snapshot.connection(), kind, ids);
        List<String> ahead = still.entrySet().stream().filter(entry -> entry.getValue().graphAhead()).map(Map.Entry::getKey).toList();
        Map<String, Long> latest = Map.of();
        if (!ahead.isEmpty()) {
            // read after the graph: the newest committed versions, outside the snapshot
            try (Connection connection = postgres.connect()) {
                latest = PostgresRows.versions(connection, kind, ahead);
            }
        }
        for (String id : ids) {
            AggregateComparison.Outcome outcome = still.get(id);
            if (outcome == null) {
                continue;
            }
            Long newest = latest.get(id);
            if (outcome.graphAhead() && newest != null && outcome.graphVersion() <= newest) {
                moving.add(kind.aggregateType() + " " + id);
            } else {
                differences.addAll(outcome.differences());
            }
        }
    }
}
