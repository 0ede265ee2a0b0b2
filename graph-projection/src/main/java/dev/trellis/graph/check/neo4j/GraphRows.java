package dev.trellis.graph.check.neo4j;

import dev.trellis.graph.check.compare.CanonicalRow;
import dev.trellis.graph.check.compare.CanonicalValue;
import dev.trellis.graph.check.compare.IdBatches;
import dev.trellis.graph.check.compare.IdRanges;
import dev.trellis.graph.check.compare.Tombstone;
import dev.trellis.graph.check.model.NodeKind;
import dev.trellis.graph.check.model.Relation;
import dev.trellis.graph.check.model.RelationColumn;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the graph's side as canonical rows. Cypher has no hash function, so rows are streamed to the checker,
 * which hashes them as they come; each id range is an index seek on the label's unique {@code id}.
 */
public final class GraphRows {

    private final Driver driver;

    public GraphRows(Driver driver) {
        this.driver = driver;
    }

    /** The nodes of the kind in the given ranges of {@code ranges}. */
    public void forEachRowInRanges(NodeKind kind, IdRanges ranges, Collection<Integer> wanted, Consumer<CanonicalRow> consumer) {
        List<Map<String, Object>> bounds = new ArrayList<>();
        for (int range : wanted) {
            bounds.add(bounds(ranges.lowerBound(range), ranges.upperBound(range)));
        }
        forEachRowInBounds(kind, bounds, consumer);
    }

    /** The nodes of the kind with {@code lo <= id < hi} ({@code hi} null: no upper bound), one index seek. */
    public void forEachRowBetween(NodeKind kind, String lo, String hi, Consumer<CanonicalRow> consumer) {
        forEachRowInBounds(kind, List.of(bounds(lo, hi)), consumer);
    }

    private void forEachRowInBounds(NodeKind kind, List<Map<String, Object>> bounds, Consumer<CanonicalRow> consumer) {
        List<Map<String, Object>> bounded = bounds.stream().filter(range -> range.get("hi") != null).toList();
        try (Session session = driver.session()) {
            if (!bounded.isEmpty()) {
                stream(session.run(kind.cypherInRanges(), Map.of("ranges", bounded)), kind, consumer);
            }
            for (Map<String, Object> open : bounds) {
                if (open.get("hi") == null) {
                    stream(session.run(kind.cypherFrom(), Map.of("lo", open.get("lo"))), kind, consumer);
                }
            }
        }
    }

    private static void stream(Result result, NodeKind kind, Consumer<CanonicalRow> consumer) {
        while (result.hasNext()) {
            consumer.accept(read(result.next(), kind));
        }
    }

    /** The nodes with these ids; more than one per id when the id is not unique. */
    public Map<String, List<CanonicalRow>> rowsByIds(NodeKind kind, Collection<String> ids) {
        Map<String, List<CanonicalRow>> rows = new HashMap<>();
        try (Session session = driver.session()) {
            for (List<String> batch : IdBatches.of(ids)) {
                Result result = session.run(kind.cypherByIds(), Map.of("ids", batch));
                while (result.hasNext()) {
                    CanonicalRow row = read(result.next(), kind);
                    rows.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row);
                }
            }
        }
        return rows;
    }

    public void forEachTombstone(Consumer<Tombstone> consumer) {
        try (Session session = driver.session()) {
            Result result = session.run("MATCH (t:Tombstone) RETURN t.type AS type, t.id AS id, t.version AS version");
            while (result.hasNext()) {
                consumer.accept(tombstone(result.next()));
            }
        }
    }

    /** The kind's tombstones for these ids, by id. */
    public Map<String, Tombstone> tombstones(NodeKind kind, Collection<String> ids) {
        Map<String, Tombstone> tombstones = new HashMap<>();
        try (Session session = driver.session()) {
            for (List<String> batch : IdBatches.of(ids)) {
                List<String> keys = batch.stream().map(kind::tombstoneKey).toList();
                Result result = session.run("UNWIND $keys AS key MATCH (t:Tombstone {key: key}) "
                        + "RETURN t.type AS type, t.id AS id, t.version AS version", Map.of("keys", keys));
                while (result.hasNext()) {
                    Tombstone tombstone = tombstone(result.next());
                    if (tombstone.id() != null) {
                        tombstones.put(tombstone.id(), tombstone);
                    }
                }
            }
        }
        return tombstones;
    }

    public long countNodes(NodeKind kind) {
        return single(kind.cypherCount()).get("count").asLong();
    }

    public long countRelationships(Relation relation) {
        return single("MATCH ()-[r:" + relation.type() + "]->() RETURN count(r) AS count").get("count").asLong();
    }

    /** Nodes of the label whose id is missing or not a string: how many, and up to {@code limit} described. */
    public Map.Entry<Long, List<String>> nodesWithoutId(NodeKind kind, int limit) {
        try (Session session = driver.session()) {
            Record record = session.run(kind.cypherWithoutId(), Map.of("limit", limit)).single();
            List<String> examples = record.get("examples").asList(example -> "node " + example.get(0).asString()
                    + (example.get(1).isNull() ? " without id" : " with id " + example.get(1).asString() + " (not a string)"));
            return Map.entry(record.get("count").asLong(), examples);
        }
    }

    /** Relationships of the type whose carrier end is not a node the model has, up to {@code limit}. */
    public List<String> unattachedRelationships(Relation relation, int limit) {
        try (Session session = driver.session()) {
            return session.run(relation.graphUnattachedQuery(), Map.of("limit", limit)).list(record ->
                    "(" + labels(record.get("fromLabels")) + " " + record.get("fromId").asString("without id") + ")-[:"
                            + relation.type() + "]->(" + labels(record.get("toLabels")) + " " + record.get("toId").asString("without id") + ")");
        }
    }

    private Record single(String query) {
        try (Session session = driver.session()) {
            return session.run(query).single();
        }
    }

    private static String labels(Value labels) {
        StringBuilder text = new StringBuilder();
        labels.asList(Value::asString).forEach(label -> text.append(':').append(label));
        return text.toString();
    }

    private static Tombstone tombstone(Record record) {
        Value version = record.get("version");
        return new Tombstone(record.get("type").asString(null), record.get("id").isNull() ? null : record.get("id").asObject().toString(),
                version.isNull() ? null : version.asObject() instanceof Long number ? number : null);
    }

    private static CanonicalRow read(Record record, NodeKind kind) {
        Map<String, Object> properties = record.get("properties").asMap();
        TreeMap<String, String> canonical = new TreeMap<>();
        String id = null;
        Long version = null;
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String name = property.getKey();
            Object value = property.getValue();
            if (name.equals("id") && value instanceof String text) {
                id = text;
            } else if (name.equals("version") && value instanceof Long number) {
                version = number;
            } else {
                // a version that is not an integer shows as a property PostgreSQL does not have
                canonical.put(name, CanonicalValue.ofGraph(value));
            }
        }
        EnumMap<Relation, List<String>> relations = new EnumMap<>(Relation.class);
        for (RelationColumn relation : kind.relations()) {
            relations.put(relation.relation(), record.get(relation.relation().type()).asList(Value::asString));
        }
        return new CanonicalRow(id, version, canonical, relations);
    }

    private static Map<String, Object> bounds(String lo, String hi) {
        Map<String, Object> bounds = new HashMap<>();
        bounds.put("lo", lo);
        bounds.put("hi", hi);
        return bounds;
    }
}
