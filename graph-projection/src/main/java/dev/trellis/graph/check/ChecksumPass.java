package dev.trellis.graph.check;

import dev.trellis.graph.check.compare.AggregateComparison;
import dev.trellis.graph.check.compare.CanonicalRow;
import dev.trellis.graph.check.compare.IdRanges;
import dev.trellis.graph.check.compare.RangeDigests;
import dev.trellis.graph.check.compare.RowHasher;
import dev.trellis.graph.check.model.Difference;
import dev.trellis.graph.check.model.DifferenceType;
import dev.trellis.graph.check.model.NodeKind;
import dev.trellis.graph.check.model.Relation;
import dev.trellis.graph.check.model.RelationColumn;
import dev.trellis.graph.check.model.Section;
import dev.trellis.graph.check.neo4j.GraphRows;
import dev.trellis.graph.check.postgres.PostgresRows;
import dev.trellis.graph.check.postgres.PostgresSnapshot;
import dev.trellis.graph.check.report.CheckFailed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first pass of a check, in one PostgreSQL snapshot. Per kind, the id space is cut into ranges; both sides
 * stream all their rows in parallel tasks and add each row's hash to its range's sum. Only the ranges whose count
 * or sum differs are read again, row by row, and compared aggregate by aggregate ({@link BothSides}); the graph's
 * tombstones whose aggregate still has a row are compared too. What differs goes on to the re-check.
 */
final class ChecksumPass {

    /** Where the time went, and how much was read twice. */
    static final class Progress {
        long digestNanos;
        long drillNanos;
        int ranges;
        int differingRanges;
    }

    private static final int DRILL_ROWS_PER_CHUNK = 50_000;
    private static final int DRILL_RANGES_PER_CHUNK = 1_000;

    private final GraphRows graph;
    private final BothSides bothSides;
    private final int rangesPerKind;

    /** @param rangesPerKind 0 sizes the ranges from the row counts */
    ChecksumPass(GraphRows graph, BothSides bothSides, int rangesPerKind) {
        this.graph = graph;
        this.bothSides = bothSides;
        this.rangesPerKind = rangesPerKind;
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

    /**
     * Runs the pass on {@code pool}; fills in each section's counts (PostgreSQL, graph), the aggregates that differ
     * by kind, the graph's shape problems (nodes without id, relationships the model does not have) and the progress.
     */
    void run(PostgresSnapshot snapshot, ExecutorService pool, Map<Section, long[]> counts,
             Map<NodeKind, Map<String, AggregateComparison.Outcome>> found, List<Difference> shape, Progress progress)
            throws SQLException {
        long started = System.nanoTime();
        List<KindPass> passes = new ArrayList<>();
        Map<NodeKind, Long> pages = new EnumMap<>(NodeKind.class);
        for (NodeKind kind : NodeKind.values()) {
            pages.put(kind, PostgresRows.pages(snapshot.connection(), kind));
            long rows = PostgresRows.count(snapshot.connection(), kind);
            int ranges = rangesPerKind > 0 ? rangesPerKind
                    : (int) Math.max(1, Math.min(GraphChecker.Options.MAX_RANGES, rows / GraphChecker.Options.ROWS_PER_RANGE));
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
                Map<String, AggregateComparison.Outcome> differing = bothSides.compareByIds(snapshot.connection(), pass.kind, remaining);
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
            return bothSides.compareAll(connection, pass.kind, ids, postgresRows, graphRows);
        }
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
