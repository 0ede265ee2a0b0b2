package dev.trellis.graph.check.compare;

import dev.trellis.graph.check.model.Difference;
import dev.trellis.graph.check.model.DifferenceType;
import dev.trellis.graph.check.model.NodeKind;
import dev.trellis.graph.check.model.Relation;
import dev.trellis.graph.check.model.RelationColumn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares one aggregate as PostgreSQL has it with what the graph has for it: its node (none, one, or, without
 * the uniqueness constraint, several), its tombstone, and the relationships it carries.
 */
public final class AggregateComparison {

    private AggregateComparison() {
    }

    /**
     * @param differences what differs (empty: equal)
     * @param graphAhead  the graph holds the aggregate at a version the snapshot does not have yet (changed
     *                    after the point): its differences may be the change, not a fault
     * @param graphVersion the highest version the graph holds for it (node or tombstone), null if none
     */
    public record Outcome(List<Difference> differences, boolean graphAhead, Long graphVersion) {
    }

    /**
     * @param postgres        the row in the snapshot, null when there is none
     * @param snapshotVersion the aggregate's version in the snapshot's {@code aggregate_version}, also for a
     *                        deleted aggregate (the counter stays); null when it never had an event
     * @param graph           the nodes with the id
     * @param tombstone       the graph's tombstone for the aggregate, null when there is none
     */
    public static Outcome compare(NodeKind kind, String id, CanonicalRow postgres, Long snapshotVersion, List<CanonicalRow> graph,
                           Tombstone tombstone) {
        List<Difference> differences = new ArrayList<>();
        CanonicalRow node = graph.isEmpty() ? null : graph.get(0);
        if (graph.size() > 1) {
            differences.add(node(kind, DifferenceType.DUPLICATE_NODE, id, graph.size() + " nodes"));
        }
        if (postgres != null && node == null) {
            differences.add(node(kind, DifferenceType.MISSING_NODE, id, "PostgreSQL at " + version(postgres.version())));
        } else if (postgres == null && node != null) {
            differences.add(node.version() == null
                    ? node(kind, DifferenceType.LEFTOVER_PLACEHOLDER, id, "no such row in PostgreSQL")
                    : node(kind, DifferenceType.EXTRA_NODE, id, "graph at " + version(node.version()) + ", no such row in PostgreSQL"));
        } else if (postgres != null) {
            compareNode(kind, id, postgres, node, differences);
        }
        compareRelations(kind, id, postgres, node, differences);
        if (postgres != null && tombstone != null) {
            differences.add(node(kind, DifferenceType.TOMBSTONE_FOR_LIVING_ROW, id,
                    "tombstone at " + version(tombstone.version()) + ", PostgreSQL at " + version(postgres.version())));
        }
        Long graphVersion = max(node == null ? null : node.version(), tombstone == null ? null : tombstone.version());
        boolean ahead = graphVersion != null && (snapshotVersion == null || graphVersion > snapshotVersion);
        return new Outcome(differences, ahead, graphVersion);
    }

    private static void compareNode(NodeKind kind, String id, CanonicalRow postgres, CanonicalRow node, List<Difference> differences) {
        if (node.version() == null) {
            // a placeholder: its properties are all missing, one line says so
            differences.add(node(kind, DifferenceType.VERSION_BEHIND, id,
                    "graph has a placeholder (id only), PostgreSQL at " + version(postgres.version())));
            return;
        }
        if (postgres.version() == null || node.version() > postgres.version()) {
            differences.add(node(kind, DifferenceType.VERSION_AHEAD, id,
                    "graph at " + version(node.version()) + ", PostgreSQL at " + version(postgres.version())));
        } else if (node.version() < postgres.version()) {
            differences.add(node(kind, DifferenceType.VERSION_BEHIND, id,
                    "graph at " + version(node.version()) + ", PostgreSQL at " + version(postgres.version())));
        }
        TreeSet<String> names = new TreeSet<>(postgres.properties().keySet());
        names.addAll(node.properties().keySet());
        for (String name : names) {
            String expected = postgres.properties().get(name);
            String actual = node.properties().get(name);
            if (!Objects.equals(expected, actual)) {
                differences.add(node(kind, DifferenceType.PROPERTY_DIFFERS, id, name + ": PostgreSQL "
                        + CanonicalValue.display(expected) + ", graph " + CanonicalValue.display(actual)));
            }
        }
    }

    private static void compareRelations(NodeKind kind, String id, CanonicalRow postgres, CanonicalRow node, List<Difference> differences) {
        for (RelationColumn column : kind.relations()) {
            Relation relation = column.relation();
            Map<String, Integer> balance = new HashMap<>(); // > 0: only PostgreSQL has it; < 0: only the graph
            if (postgres != null) {
                postgres.ends(relation).forEach(end -> balance.merge(end, 1, Integer::sum));
            }
            if (node != null) {
                node.ends(relation).forEach(end -> balance.merge(end, -1, Integer::sum));
            }
            balance.entrySet().stream().sorted(Map.Entry.comparingByKey(IdRanges.CODE_POINT_ORDER)).forEach(entry -> {
                DifferenceType type = entry.getValue() > 0 ? DifferenceType.RELATIONSHIP_MISSING : DifferenceType.RELATIONSHIP_EXTRA;
                for (int i = 0; i < Math.abs(entry.getValue()); i++) {
                    differences.add(new Difference(relation.section(), type, kind, id, relation.describe(id, entry.getKey())));
                }
            });
        }
    }

    private static Difference node(NodeKind kind, DifferenceType type, String id, String detail) {
        return new Difference(kind.section(), type, kind, id, detail);
    }

    private static String version(Long version) {
        return version == null ? "no version" : "version " + version;
    }

    private static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
