package dev.trellis.graph.check;

import dev.trellis.graph.check.compare.AggregateComparison;
import dev.trellis.graph.check.compare.CanonicalRow;
import dev.trellis.graph.check.catchup.CatchUp;
import dev.trellis.graph.check.report.CheckFailed;
import dev.trellis.graph.check.report.CheckReport;
import dev.trellis.graph.check.model.Difference;
import dev.trellis.graph.check.model.DifferenceType;
import dev.trellis.graph.check.neo4j.GraphRows;
import dev.trellis.graph.check.compare.IdRanges;
import dev.trellis.graph.check.model.NodeKind;
import dev.trellis.graph.check.postgres.PostgresEndpoint;
import dev.trellis.graph.check.postgres.PostgresRows;
import dev.trellis.graph.check.postgres.PostgresSnapshot;
import dev.trellis.graph.check.compare.RangeDigests;
import dev.trellis.graph.check.model.Relation;
import dev.trellis.graph.check.model.RelationColumn;
import dev.trellis.graph.check.compare.RowHasher;
import dev.trellis.graph.check.model.Section;
import org.neo4j.driver.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

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
 *       aggregate still has a row is a difference.</li>
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

    /** Where the time went, and how much was read twice. */
    private static final class Progress {
        long digestNanos;
        long drillNanos;
        int ranges;
        int differingRanges;
    }

    private static final int DRILL_ROWS_PER_CHUNK = 50_000;
    private static final int DRILL_RANGES_PER_CHUNK = 1_000;

    private final PostgresEndpoint postgres;
    private final GraphRows graph;
    private final CatchUp catchUp; // null: do not wait
    private final Options options;

    public GraphChecker(PostgresEndpoint postgres, Driver neo4j, CatchUp catchUp, Options options) {
        this.postgres = postgres;
        this.graph = new GraphRows(neo4j);
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
            Progress progress = new Progress();
            try (PostgresSnapshot snapshot = PostgresSnapshot.open(postgres)) {
                point = new CheckReport.Point(snapshot.position(), catchUp == null ? null : catchUp.await(snapshot.position()));
                compare(snapshot, pool, counts, found, shape, progress);
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

    /** One kind's pass: its ranges, both sides' digests, what each side counted. */
    private static final class KindPass {
        final NodeKind kind;
        final IdRanges ranges;
        final RangeDigests postgres;
        final RangeDigests graph;
        final AtomicLong postgresRows = new AtomicLong();
        final AtomicLong graphRows = new AtomicLong();
        final Map<Relation, AtomicLong> postgresRelationships = new EnumMap<>(Relation.class);
        final Map<Relation, AtomicLong> graphRelationships = new EnumMap<>(Relation.class);

        KindPass(NodeKind kind, IdRanges ranges) {
            this.kind = kind;
            this.ranges = ranges;
            this.postgres = new RangeDigests(ranges.count());
            this.graph = new RangeDigests(ranges.count());
            kind.relations().forEach(column -> {
                postgresRelationships.put(column.relation(), new AtomicLong());
                graphRelationships.put(column.relation(), new AtomicLong());
            });
        }
    }

    private void compare(PostgresSnapshot snapshot, ExecutorService pool, Map<Section, long[]> counts,
                         Map<NodeKind, Map<String, AggregateComparison.Outcome>> found, List<Difference> shape, Progress progress)
            throws SQLException {
        long started = System.nanoTime();
        List<KindPass> passes = new ArrayList<>();
        Map<NodeKind, Long> pages = new EnumMap<>(NodeKind.class);
        for (NodeKind kind : NodeKind.values()) {
            pages.put(kind, PostgresRows.pages(snapshot.connection(), kind));
            long rows = PostgresRows.count(snapshot.connection(), kind);
            int ranges = options.rangesPerKind() > 0 ? options.rangesPerKind()
                    : (int) Math.max(1, Math.min(Options.MAX_RANGES, rows / Options.ROWS_PER_RANGE));
            List<String> sample = ranges == 1 ? List.of() : PostgresRows.sampleIds(snapshot.connection(), kind, rows, ranges * 4);
            passes.add(new KindPass(kind, IdRanges.fromSample(sample, ranges)));
        }
        passes.sort((a, b) -> Integer.compare(b.ranges.count(), a.ranges.count())); // the largest first

        List<Callable<Void>> tasks = new ArrayList<>();
        Map<NodeKind, Set<String>> tombstonedLiving = new ConcurrentHashMap<>();
        tasks.add(() -> {
            findTombstonesOfLivingRows(snapshot, tombstonedLiving);
            return null;
        });
        for (KindPass pass : passes) {
            // PostgreSQL in shares of the table's pages, Neo4j in shares of the id ranges: each share one task
            long tablePages = pages.get(pass.kind);
            int shares = (int) Math.max(1, Math.min(4, tablePages / 2_000));
            for (int share = 0; share < shares; share++) {
                long from = share == 0 ? 0 : share * tablePages / shares;
                long to = share == shares - 1 ? -1 : (share + 1) * tablePages / shares;
                tasks.add(() -> {
                    digestPostgres(snapshot, pass, from, to);
                    return null;
                });
            }
            int segments = Math.max(1, Math.min(8, pass.ranges.count() / 64));
            for (int segment = 0; segment < segments; segment++) {
                int first = segment * pass.ranges.count() / segments;
                int last = (segment + 1) * pass.ranges.count() / segments - 1;
                tasks.add(() -> {
                    digestGraph(pass, pass.ranges.lowerBound(first), pass.ranges.upperBound(last));
                    return null;
                });
            }
        }
        runAll(pool, tasks);

        for (KindPass pass : passes) {
            counts.put(pass.kind.section(), new long[]{pass.postgresRows.get(), graph.countNodes(pass.kind)});
            pass.kind.relations().forEach(column -> counts.put(column.relation().section(),
                    new long[]{pass.postgresRelationships.get(column.relation()).get(), graph.countRelationships(column.relation())}));
            checkShape(pass, shape);
        }

        progress.digestNanos = System.nanoTime() - started;
        long drillStarted = System.nanoTime();
        List<Callable<Map<String, AggregateComparison.Outcome>>> drills = new ArrayList<>();
        List<NodeKind> drillKinds = new ArrayList<>();
        Map<NodeKind, Set<String>> drilled = new EnumMap<>(NodeKind.class);
        for (KindPass pass : passes) {
            Set<String> drilledOfKind = ConcurrentHashMap.newKeySet();
            drilled.put(pass.kind, drilledOfKind);
            progress.ranges += pass.ranges.count();
            for (List<Integer> chunk : chunks(pass)) {
                progress.differingRanges += chunk.size();
                drills.add(() -> drillInto(snapshot, pass, chunk, drilledOfKind));
                drillKinds.add(pass.kind);
            }
        }
        List<Map<String, AggregateComparison.Outcome>> results = runAll(pool, drills);
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).isEmpty()) {
                found.computeIfAbsent(drillKinds.get(i), kind -> new LinkedHashMap<>()).putAll(results.get(i));
            }
        }
        for (KindPass pass : passes) {
            Set<String> remaining = new HashSet<>(tombstonedLiving.getOrDefault(pass.kind, Set.of()));
            remaining.removeAll(drilled.get(pass.kind));
            if (!remaining.isEmpty()) {
                Map<String, AggregateComparison.Outcome> differing = compareByIds(snapshot.connection(), pass.kind, remaining);
                if (!differing.isEmpty()) {
                    found.computeIfAbsent(pass.kind, kind -> new LinkedHashMap<>()).putAll(differing);
                }
            }
        }
        progress.drillNanos = System.nanoTime() - drillStarted;
    }

    private void digestPostgres(PostgresSnapshot snapshot, KindPass pass, long fromPage, long toPage) throws SQLException {
        RowHasher hasher = new RowHasher();
        RangeDigests digests = new RangeDigests(pass.ranges.count());
        try (Connection connection = snapshot.join()) {
            PostgresRows.forEachRowInPages(connection, pass.kind, fromPage, toPage, row -> {
                row.hashWith(hasher);
                digests.add(pass.ranges.indexOf(row.id()), hasher);
                pass.postgresRows.incrementAndGet();
                row.relations().forEach((relation, ends) -> pass.postgresRelationships.get(relation).addAndGet(ends.size()));
            });
        }
        pass.postgres.addAll(digests);
    }

    private void digestGraph(KindPass pass, String lo, String hi) {
        RowHasher hasher = new RowHasher();
        RangeDigests digests = new RangeDigests(pass.ranges.count());
        graph.forEachRowBetween(pass.kind, lo, hi, row -> {
            row.hashWith(hasher);
            digests.add(pass.ranges.indexOf(row.id()), hasher);
            pass.graphRows.incrementAndGet();
            row.relations().forEach((relation, ends) -> pass.graphRelationships.get(relation).addAndGet(ends.size()));
        });
        pass.graph.addAll(digests);
    }

    /** Nodes the id ranges cannot see (no string id), relationships hanging off nodes the model does not have. */
    private void checkShape(KindPass pass, List<Difference> shape) {
        if (graph.countNodes(pass.kind) > pass.graphRows.get()) {
            Map.Entry<Long, List<String>> withoutId = graph.nodesWithoutId(pass.kind, 1_000);
            withoutId.getValue().forEach(example -> shape.add(new Difference(pass.kind.section(), DifferenceType.NODE_WITHOUT_ID,
                    null, null, example)));
        }
        for (RelationColumn column : pass.kind.relations()) {
            if (graph.countRelationships(column.relation()) > pass.graphRelationships.get(column.relation()).get()) {
                graph.unattachedRelationships(column.relation(), 1_000).forEach(example -> shape.add(new Difference(
                        column.relation().section(), DifferenceType.RELATIONSHIP_EXTRA, null, null,
                        example + " (not from a " + column.relation().carrierLabel() + " the model has)")));
            }
        }
    }

    /** Differing ranges in groups small enough to hold both sides' rows in memory. */
    private static List<List<Integer>> chunks(KindPass pass) {
        List<List<Integer>> chunks = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long rows = 0;
        for (int range : pass.postgres.differingFrom(pass.graph)) {
            long size = Math.max(pass.postgres.rows(range), pass.graph.rows(range));
            if (!current.isEmpty() && (rows + size > DRILL_ROWS_PER_CHUNK || current.size() >= DRILL_RANGES_PER_CHUNK)) {
                chunks.add(current);
                current = new ArrayList<>();
                rows = 0;
            }
            current.add(range);
            rows += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private Map<String, AggregateComparison.Outcome> drillInto(PostgresSnapshot snapshot, KindPass pass, List<Integer> chunk,
                                                               Set<String> drilled) throws SQLException {
        Set<Integer> wanted = new HashSet<>(chunk);
        Map<String, CanonicalRow> postgresRows = new HashMap<>();
        Map<String, List<CanonicalRow>> graphRows = new HashMap<>();
        try (Connection connection = snapshot.join()) {
            PostgresRows.forEachRowInRanges(connection, pass.kind, pass.ranges, chunk, row -> {
                if (wanted.contains(pass.ranges.indexOf(row.id()))) {
                    postgresRows.put(row.id(), row);
                }
            });
            graph.forEachRowInRanges(pass.kind, pass.ranges, chunk,
                    row -> graphRows.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row));
            Set<String> ids = new HashSet<>(postgresRows.keySet());
            ids.addAll(graphRows.keySet());
            drilled.addAll(ids);
            return compareAll(connection, pass.kind, ids, postgresRows, graphRows);
        }
    }

    private Map<String, AggregateComparison.Outcome> compareByIds(Connection connection, NodeKind kind, Collection<String> ids)
            throws SQLException {
        Map<String, CanonicalRow> postgresRows = PostgresRows.rowsByIds(connection, kind, ids);
        Map<String, List<CanonicalRow>> graphRows = graph.rowsByIds(kind, ids);
        return compareAll(connection, kind, ids, postgresRows, graphRows);
    }

    /** Compares each aggregate; returns those that differ. */
    private Map<String, AggregateComparison.Outcome> compareAll(Connection connection, NodeKind kind, Collection<String> ids,
                                                                Map<String, CanonicalRow> postgresRows,
                                                                Map<String, List<CanonicalRow>> graphRows) throws SQLException {
        List<String> withoutRow = ids.stream().filter(id -> !postgresRows.containsKey(id)).toList();
        Map<String, Long> versionsOfGone = PostgresRows.versions(connection, kind, withoutRow);
        Map<String, GraphRows.Tombstone> tombstones = graph.tombstones(kind, ids);
        Map<String, AggregateComparison.Outcome> differing = new HashMap<>();
        for (String id : ids) {
            CanonicalRow row = postgresRows.get(id);
            AggregateComparison.Outcome outcome = AggregateComparison.compare(kind, id, row,
                    row != null ? row.version() : versionsOfGone.get(id), graphRows.getOrDefault(id, List.of()), tombstones.get(id));
            if (!outcome.differences().isEmpty()) {
                differing.put(id, outcome);
            }
        }
        return differing;
    }

    private void findTombstonesOfLivingRows(PostgresSnapshot snapshot, Map<NodeKind, Set<String>> living) throws SQLException {
        Map<String, NodeKind> kinds = new HashMap<>();
        for (NodeKind kind : NodeKind.values()) {
            kinds.put(kind.aggregateType(), kind);
        }
        Map<NodeKind, List<String>> batch = new EnumMap<>(NodeKind.class);
        try (Connection connection = snapshot.join()) {
            List<SQLException> failure = new ArrayList<>();
            graph.forEachTombstone(tombstone -> {
                NodeKind kind = kinds.get(tombstone.type());
                if (kind == null || tombstone.id() == null || !failure.isEmpty()) {
                    return;
                }
                List<String> ids = batch.computeIfAbsent(kind, k -> new ArrayList<>());
                ids.add(tombstone.id());
                if (ids.size() == 10_000) {
                    try {
                        living.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).addAll(PostgresRows.existingIds(connection, kind, ids));
                    } catch (SQLException e) {
                        failure.add(e);
                    }
                    ids.clear();
                }
            });
            if (!failure.isEmpty()) {
                throw failure.get(0);
            }
            for (Map.Entry<NodeKind, List<String>> rest : batch.entrySet()) {
                living.computeIfAbsent(rest.getKey(), k -> ConcurrentHashMap.newKeySet())
                        .addAll(PostgresRows.existingIds(connection, rest.getKey(), rest.getValue()));
            }
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
        Map<String, AggregateComparison.Outcome> still = compareByIds(snapshot.connection(), kind, ids);
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

    private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks) throws SQLException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("interrupted");
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
        return results;
    }
}
