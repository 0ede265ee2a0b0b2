package dev.trellis.graph.check;

import dev.trellis.graph.check.compare.AggregateComparison;
import dev.trellis.graph.check.compare.CanonicalRow;
import dev.trellis.graph.check.compare.Tombstone;
import dev.trellis.graph.check.model.NodeKind;
import dev.trellis.graph.check.neo4j.GraphRows;
import dev.trellis.graph.check.postgres.PostgresRows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads given aggregates from both sides in one snapshot and compares them one by one
 * ({@link AggregateComparison}): the drill-down's step and the re-check's. Returns those that differ.
 */
final class BothSides {

    private final GraphRows graph;

    BothSides(GraphRows graph) {
        this.graph = graph;
    }

    Map<String, AggregateComparison.Outcome> compareByIds(Connection connection, NodeKind kind, Collection<String> ids)
            throws SQLException {
        Map<String, CanonicalRow> postgresRows = PostgresRows.rowsByIds(connection, kind, ids);
        Map<String, List<CanonicalRow>> graphRows = graph.rowsByIds(kind, ids);
        return compareAll(connection, kind, ids, postgresRows, graphRows);
    }

    /** Compares each aggregate; returns those that differ. */
    Map<String, AggregateComparison.Outcome> compareAll(Connection connection, NodeKind kind, Collection<String> ids,
                                                                Map<String, CanonicalRow> postgresRows,
                                                                Map<String, List<CanonicalRow>> graphRows) throws SQLException {
        List<String> withoutRow = ids.stream().filter(id -> !postgresRows.containsKey(id)).toList();
        Map<String, Long> versionsOfGone = PostgresRows.versions(connection, kind, withoutRow);
        Map<String, Tombstone> tombstones = graph.tombstones(kind, ids);
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
}
